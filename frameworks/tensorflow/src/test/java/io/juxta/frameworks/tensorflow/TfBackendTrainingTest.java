package io.juxta.frameworks.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.frameworks.Backend;
import io.juxta.frameworks.Backends;
import io.juxta.frameworks.Dataset;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.HostBatch;
import io.juxta.frameworks.Rng;
import io.juxta.frameworks.SymbolicValueException;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.nn.Conv2d;
import io.juxta.frameworks.nn.Flatten;
import io.juxta.frameworks.nn.Linear;
import io.juxta.frameworks.nn.Loss;
import io.juxta.frameworks.nn.MaxPool2d;
import io.juxta.frameworks.nn.Model;
import io.juxta.frameworks.nn.ReLU;
import io.juxta.frameworks.nn.Sequential;
import io.juxta.frameworks.spi.StepOutput;
import io.juxta.frameworks.spi.TrainStep;
import io.juxta.frameworks.train.Fit;
import io.juxta.frameworks.train.History;
import io.juxta.frameworks.train.Optim;
import io.juxta.frameworks.train.Optimizer;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The portable API trained on the tf backend: the design's example cell, a plain-Java MLP, clear errors. */
class TfBackendTrainingTest {
    static Backend tf;

    @BeforeAll static void select() {
        Backends.use("tf");
        tf = Backends.current();
    }

    /** Images whose class is the quadrant holding the bright pixel: learnable by a small CNN. */
    static Dataset quadrants(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] x = new float[n * 28 * 28];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int row = r.nextInt(28), col = r.nextInt(28);
            y[i] = (row < 14 ? 0 : 2) + (col < 14 ? 0 : 1);
            for (int k = 0; k < 28 * 28; k++) x[i * 784 + k] = (float) (r.nextGaussian() * 0.1);
            x[i * 784 + row * 28 + col] += 3;
        }
        return Dataset.of(HostArray.of(x, n, 1, 28, 28), HostArray.of(y, n));
    }

    @Test void theDesignExampleCellTrains() {
        Rng.seed(1);
        var data = quadrants(256, 3);
        var model = Sequential.of(Conv2d.of(1, 16, 3), ReLU.of(), MaxPool2d.of(2), Flatten.of(), Linear.of(16 * 13 * 13, 10));
        History history = model.fit(data, Loss.crossEntropy(), Optim.adam(1e-3), Fit.epochs(2).batch(64).verbose(false));
        double[] losses = history.losses();
        assertEquals(8, losses.length, "4 batches x 2 epochs");
        assertEquals("tf", history.backend());
        assertTrue(losses[losses.length - 1] < losses[0], "loss falls: " + java.util.Arrays.toString(losses));
        double[] epochs = history.epochLosses();
        assertTrue(epochs[1] < epochs[0], java.util.Arrays.toString(epochs));
    }

    @Test void mlpStepsMatchAPlainJavaMlp() {
        Rng.seed(7);
        Linear l1 = Linear.of(JavaMlp.IN, JavaMlp.HID), l2 = Linear.of(JavaMlp.HID, JavaMlp.OUT);
        Model model = Model.of(Sequential.of(l1, ReLU.of(), l2));
        var ref = new JavaMlp(l1.weight().toHost().toFloatArray().clone(), l1.bias().toHost().toFloatArray().clone(),
                l2.weight().toHost().toFloatArray().clone(), l2.bias().toHost().toFloatArray().clone());
        Optimizer sgd = Optim.sgd(0.5);
        TrainStep step = tf.compileTrainStep(b -> StepOutput.of(Loss.crossEntropy().compute(model.forward(b.x()), b.y())),
                model.parameters(), sgd.updateRule());
        for (int s = 0; s < 6; s++) {
            int n = s < 4 ? 4 : 3;
            float[] x = JavaMlp.features(20 + s, n);
            long[] y = JavaMlp.labels(20 + s, n);
            double expected = ref.step(x, y, n, 0.5);
            HostBatch hb = HostBatch.of(HostArray.of(x, n, JavaMlp.IN), HostArray.of(y, n))
                    .with(Optimizer.LEARNING_RATE, HostArray.scalar(0.5f));
            assertEquals(expected, step.run(hb).loss(), 1e-5, "loss at step " + s);
        }
        float[] w1 = l1.weight().toHost().toFloatArray();
        for (int i = 0; i < w1.length; i++) assertEquals(ref.w1[i], w1[i], 1e-5, "w1[" + i + "]");
    }

    @Test void describesItselfAndItsLimits() {
        assertTrue(tf.version().matches("TensorFlow 2\\.\\d+\\.\\d+ \\(TensorFlow Java 1\\.\\d+\\.\\d+, CPU\\)"), tf.version());
        assertTrue(!tf.supports(io.juxta.frameworks.Capability.EAGER_GRADIENTS) && !tf.supports(io.juxta.frameworks.Capability.GPU));
        assertTrue(tf.supports(io.juxta.frameworks.Capability.MEMORY_SCOPES));
        var e = assertThrows(io.juxta.frameworks.UnsupportedFeatureException.class, () -> tf.useDevice(io.juxta.frameworks.Device.gpu(0)));
        assertEquals(io.juxta.frameworks.Capability.GPU, e.capability());
        assertTrue(e.getMessage().contains("%device cpu"), e.getMessage());
    }

    @Test void readingAValueWhileTracingSaysHowToFixTheCell() {
        Model model = Model.of(Linear.of(3, 2));
        TrainStep step = tf.compileTrainStep(b -> {
            Tensor out = model.forward(b.x());
            if (out.sum().item() > 0) return StepOutput.of(out.sum());     // branching on a value: not allowed when staged
            return StepOutput.of(out.mean());
        }, model.parameters(), Optim.sgd(0.1).updateRule());
        HostBatch hb = HostBatch.of(HostArray.of(new float[6], 2, 3), null).with(Optimizer.LEARNING_RATE, HostArray.scalar(0.1f));
        var e = assertThrows(SymbolicValueException.class, () -> step.run(hb));
        assertTrue(e.getMessage().contains("Do not branch on tensor values"), e.getMessage());
    }

    @Test void symbolicTensorsPrintWithoutAValueAndDropoutDrawsNewMasksEachRun() {
        Model model = Model.of(Sequential.of(Linear.of(4, 64), io.juxta.frameworks.nn.Dropout.of(0.5)));
        String[] printed = new String[1];
        var f = tf.compileFunction(b -> {
            Tensor y = model.forward(b.x());
            printed[0] = y.toString();
            return Map.of("y", y);
        });
        HostBatch hb = HostBatch.of(HostArray.of(new float[] {1, 2, 3, 4, 4, 3, 2, 1}, 2, 4), null);
        double[] first = f.run(hb).get("y").toDoubleArray(), second = f.run(hb).get("y").toDoubleArray();
        assertTrue(printed[0].contains("symbolic"), printed[0]);
        long zeros = java.util.Arrays.stream(first).filter(v -> v == 0).count();
        assertTrue(zeros > 20 && zeros < 108, "about half of 128 dropped: " + zeros);
        assertTrue(!java.util.Arrays.equals(first, second), "a new mask on every run of the graph");
    }

    /** Notebook cells run on a new thread each: a model fitted in one cell keeps training in the next. */
    @Test void cellsOnFreshThreadsShareTheStagedModel() throws Exception {
        Rng.seed(21);
        var data = quadrants(128, 8);
        var model = Sequential.of(Flatten.of(), Linear.of(784, 4));
        double[][] losses = new double[2][];
        Throwable[] failure = new Throwable[1];
        for (int cell = 0; cell < 2; cell++) {
            int c = cell;
            Thread t = new Thread(() -> {
                try {
                    losses[c] = model.fit(data, Loss.crossEntropy(), Optim.sgd(0.1), Fit.epochs(1).batch(32).verbose(false)).losses();
                    try (var scope = tf.openScope()) {
                        assertEquals(10, io.juxta.frameworks.Ops.tensor(new float[] {1, 2, 3, 4}, 4).sum().item(), 1e-6);
                    }
                } catch (Throwable e) {
                    failure[0] = e;
                }
            });
            t.start();
            t.join();
            if (failure[0] != null) throw new AssertionError("cell " + c + " failed", failure[0]);
        }
        assertTrue(losses[1][losses[1].length - 1] < losses[0][0], "the second cell continues from the first: "
                + java.util.Arrays.toString(losses[0]) + " then " + java.util.Arrays.toString(losses[1]));
    }

    @Test void evaluateAndPredictRunWithoutChangingWeights() {
        Rng.seed(11);
        var data = quadrants(50, 5);
        var model = Sequential.of(Flatten.of(), Linear.of(784, 4));
        float[] before = model.parameters().get(0).toHost().toFloatArray().clone();
        Map<String, Double> eval = model.evaluate(data, Loss.crossEntropy());
        HostArray out = model.predict(data.x());
        assertEquals(50, out.dim(0));
        assertEquals(4, out.dim(1));
        assertTrue(eval.get("loss") > 0);
        assertEquals(List.of(), java.util.stream.IntStream.range(0, before.length)
                .filter(i -> before[i] != model.parameters().get(0).toHost().toFloatArray()[i]).boxed().toList());
    }
}
