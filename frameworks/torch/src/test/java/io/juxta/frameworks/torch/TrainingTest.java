package io.juxta.frameworks.torch;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.Batch;
import io.juxta.frameworks.Dataset;
import io.juxta.frameworks.DType;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.HostBatch;
import io.juxta.frameworks.Ops;
import io.juxta.frameworks.Rng;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.Variable;
import io.juxta.frameworks.nn.Conv2d;
import io.juxta.frameworks.nn.Dropout;
import io.juxta.frameworks.nn.Flatten;
import io.juxta.frameworks.nn.Linear;
import io.juxta.frameworks.nn.Loss;
import io.juxta.frameworks.nn.MaxPool2d;
import io.juxta.frameworks.nn.Metric;
import io.juxta.frameworks.nn.ReLU;
import io.juxta.frameworks.nn.Sequential;
import io.juxta.frameworks.spi.StepResult;
import io.juxta.frameworks.spi.TrainStep;
import io.juxta.frameworks.train.Fit;
import io.juxta.frameworks.train.History;
import io.juxta.frameworks.train.Optim;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class TrainingTest {
    @BeforeAll static void select() { Backends.use("torch"); }

    /** Gaussian inputs labelled by the argmax of a random linear teacher: learnable, not trivial. */
    static Dataset teacherData(long seed, int n, int d, int classes) {
        float[] x = Reference.random(seed, n * d), w = Reference.random(seed + 1, d * classes);
        int[] y = new int[n];
        float[] logits = Reference.matmul(x, w, n, d, classes);
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) if (logits[i * classes + c] > logits[i * classes + best]) best = c;
            y[i] = best;
        }
        return Dataset.of(HostArray.of(x, n, d), HostArray.of(y));
    }

    @Test void mlpLossFallsAndAccuracyRises() {
        Rng.seed(1);
        Dataset data = teacherData(11, 1024, 20, 4);
        var model = Sequential.of(Linear.of(20, 64), ReLU.of(), Linear.of(64, 4));
        Dataset[] parts = data.split(0.75);
        io.juxta.frameworks.DataSource source = () -> parts[0];    // e.g. a toolkit dataset
        History h = model.fit(source, Loss.crossEntropy(), Optim.adam(1e-2),
                Fit.epochs(5).batch(64).metrics(Metric.accuracy()).validation(parts[1]).verbose(false));
        double[] epochLoss = h.loss();
        assertEquals(5, h.valLoss().length);
        assertTrue(h.valLoss()[4] < h.valLoss()[0], "validation loss falls: " + java.util.Arrays.toString(h.valLoss()));
        assertTrue(h.validation("accuracy")[4] > 0.8, "validation accuracy " + h.validation("accuracy")[4]);
        assertEquals(5, epochLoss.length);
        assertEquals(5 * 12, h.losses().length);
        assertTrue(epochLoss[4] < 0.5 * epochLoss[0], "loss falls: " + java.util.Arrays.toString(epochLoss));
        assertTrue(h.metric("accuracy")[4] > 0.85, "accuracy " + h.metric("accuracy")[4]);
        Map<String, Double> eval = model.evaluate(data, Loss.crossEntropy(), Metric.accuracy());
        assertTrue(eval.get("accuracy") > 0.85, eval.toString());
        HostArray predictions = model.predict(data.x());
        assertArrayEquals(new int[]{1024, 4}, predictions.shape());
    }

    @Test void targetCnnTrainsWithSgdMomentum() {
        Rng.seed(2);
        // two classes: bright top half vs bright bottom half, plus noise
        int n = 128;
        float[] x = Reference.random(5, n * 28 * 28);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            for (int r = 0; r < 14; r++) for (int c = 0; c < 28; c++) x[i * 784 + (y[i] == 0 ? r : r + 14) * 28 + c] += 1.5f;
        }
        var data = Dataset.of(HostArray.of(x, n, 1, 28, 28), HostArray.of(y));
        var model = Sequential.of(Conv2d.of(1, 4, 3), ReLU.of(), MaxPool2d.of(2), Flatten.of(), Linear.of(4 * 13 * 13, 2));
        var h = model.fit(data, Loss.crossEntropy(), Optim.sgd(0.05, 0.9, true, 1e-4), Fit.epochs(3).batch(32).verbose(false).metrics(Metric.accuracy()));
        assertTrue(h.epochLosses()[2] < h.epochLosses()[0], java.util.Arrays.toString(h.epochLosses()));
        assertTrue(h.metric("accuracy")[2] > 0.9, "accuracy " + h.metric("accuracy")[2]);
    }

    @Test void theDesignCellRunsUnchanged() {
        // 10 classes of 28x28 images: class c has a bright 6x6 patch at one of 10 places, plus noise
        int n = 640;
        float[] x = Reference.random(12, n * 28 * 28);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10;
            int r0 = (y[i] / 5) * 14 + 4, c0 = (y[i] % 5) * 5 + 1;
            for (int r = r0; r < r0 + 6; r++) for (int c = c0; c < c0 + 6 && c < 28; c++) x[i * 784 + r * 28 + c] += 2f;
        }
        var data = Dataset.of(HostArray.of(x, n, 1, 28, 28), HostArray.of(y));

        Backends.use("torch");
        var model = Sequential.of(Conv2d.of(1, 16, 3), ReLU.of(), MaxPool2d.of(2),
                                  Flatten.of(), Linear.of(16 * 13 * 13, 10));
        var history = model.fit(data, Loss.crossEntropy(), Optim.adam(1e-3), Fit.epochs(2).batch(64));

        assertEquals(2, history.epochs().size());
        assertEquals(20, history.losses().length);
        assertTrue(history.loss()[1] < history.loss()[0], history.toString());
        assertTrue(history.toString().startsWith("History(backend=torch, 2 epochs, 20 steps"), history.toString());
    }

    @Test void everyOptimizerReducesTheLoss() {
        for (var opt : new io.juxta.frameworks.train.Optimizer[]{Optim.sgd(0.1), Optim.sgd(0.05, 0.9), Optim.adam(1e-2), Optim.adamW(1e-2),
                Optim.rmsprop(1e-2), Optim.adam(1e-2).clipGradNorm(0.5)}) {
            Rng.seed(4);
            Dataset data = teacherData(21, 256, 10, 3);
            var model = Sequential.of(Linear.of(10, 16), ReLU.of(), Linear.of(16, 3));
            var h = model.fit(data, Loss.crossEntropy(), opt, Fit.epochs(8).batch(32).verbose(false));
            assertTrue(h.epochLosses()[7] < 0.8 * h.epochLosses()[0], opt + ": " + java.util.Arrays.toString(h.epochLosses()));
        }
    }

    @Test void scheduleReachesTheCompiledStep() {
        Rng.seed(8);
        Dataset data = teacherData(41, 64, 4, 2);
        var model = Sequential.of(Linear.of(4, 2));
        HostArray initial = model.parameters().get(0).toHost();
        java.util.List<HostArray> afterEpoch = new java.util.ArrayList<>();
        // the rate drops to zero after the first epoch: the second epoch must leave the weights untouched
        var opt = Optim.sgd(0.5).schedule(io.juxta.frameworks.train.LrSchedule.step(1, 0.0));
        model.fit(data, Loss.crossEntropy(), opt, Fit.epochs(2).batch(16).verbose(false).listener(new io.juxta.frameworks.train.TrainingListener() {
            @Override public void onEpoch(History.Epoch e) { afterEpoch.add(model.parameters().get(0).toHost()); }
        }));
        assertTrue(initial.maxAbsDiff(afterEpoch.get(0)) > 1e-3, "epoch 0 trains");
        assertEquals(0, afterEpoch.get(0).maxAbsDiff(afterEpoch.get(1)), "epoch 1 runs at rate 0");
    }

    @Test void interruptStopsFitBetweenSteps() {
        Rng.seed(10);
        Dataset data = teacherData(43, 256, 4, 2);
        var model = Sequential.of(Linear.of(4, 2));
        var fit = Fit.epochs(3).batch(16).verbose(false).listener(new io.juxta.frameworks.train.TrainingListener() {
            @Override public void onStep(int epoch, long step, double loss) { if (step == 4) Thread.currentThread().interrupt(); }
        });
        var e = assertThrows(io.juxta.frameworks.train.TrainingInterruptedException.class,
                () -> model.fit(data, Loss.crossEntropy(), Optim.sgd(0.1), fit));
        assertEquals(5, e.partialHistory().losses().length);
        assertTrue(e.getMessage().contains("after 5 steps"), e.getMessage());
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt is consumed");
        assertSame(e.partialHistory(), model.history(), "the model keeps what the interrupted fit recorded");
        var stopped = Fit.epochs(3).batch(16).verbose(false).listener(new io.juxta.frameworks.train.TrainingListener() {
            @Override public void onStep(int epoch, long step, double loss) { if (step == 2) throw new ThreadDeath(); }
        });
        assertThrows(ThreadDeath.class, () -> model.fit(data, Loss.crossEntropy(), Optim.sgd(0.1), stopped));
        assertEquals(3, model.history().losses().length, "a cell stopped outright (JShell stops its thread) keeps them too");
        assertTrue(e.getMessage().contains("model.history()"), e.getMessage());
        var done = model.fit(data, Loss.crossEntropy(), Optim.sgd(0.1), Fit.epochs(1).batch(64).verbose(false));
        assertSame(done, model.history());
    }

    @Test void gradientClippingBoundsTheUpdate() {
        Rng.seed(9);
        Dataset data = teacherData(42, 32, 6, 3);
        var model = Sequential.of(Linear.of(6, 3));
        HostArray w0 = model.parameters().get(0).toHost(), b0 = model.parameters().get(1).toHost();
        model.fit(data, Loss.crossEntropy(), Optim.sgd(1.0).clipGradNorm(1e-3), Fit.epochs(1).batch(32).shuffle(false).verbose(false));
        double sq = 0;
        HostArray w1 = model.parameters().get(0).toHost(), b1 = model.parameters().get(1).toHost();
        for (int i = 0; i < w0.size(); i++) sq += Math.pow(w1.get(i) - w0.get(i), 2);
        for (int i = 0; i < b0.size(); i++) sq += Math.pow(b1.get(i) - b0.get(i), 2);
        assertEquals(1e-3, Math.sqrt(sq), 2e-5, "one step of lr 1 moves the parameters by exactly the clipped norm");
    }

    @Test void customStepLambdaForPolicyGradient() {
        Rng.seed(5);
        // a one-state bandit: action 2 pays 1, others 0; REINFORCE must raise its probability
        var policy = Sequential.of(Linear.of(1, 3));
        TrainStep step = policy.trainStep(Optim.sgd(0.5), (Batch b) -> {
            Tensor logp = policy.forward(b.get("state")).logSoftmax(-1);
            Tensor chosen = Backends.current().ops().oneHot(b.get("action"), 3, DType.FLOAT32).mul(logp).sum(-1);
            return chosen.mul(b.get("return")).mean().neg();
        });
        HostArray state = HostArray.of(new float[]{1, 1, 1}, 3, 1);
        double before = policy.predict(HostArray.of(new float[]{1}, 1, 1)).get(2);
        StepResult last = null;
        for (int i = 0; i < 30; i++) {
            last = step.run(HostBatch.of(Map.of("state", state, "action", HostArray.of(new int[]{0, 1, 2}),
                    "return", HostArray.of(new float[]{0, 0, 1}))));
        }
        assertNotNull(last);
        double[] logits = policy.predict(HostArray.of(new float[]{1}, 1, 1)).toDoubleArray();
        double p2 = Math.exp(logits[2]) / (Math.exp(logits[0]) + Math.exp(logits[1]) + Math.exp(logits[2]));
        assertTrue(logits[2] > before && p2 > 0.8, "probability of the paying action: " + p2);
    }

    @Test void dropoutIsActiveOnlyInTraining() {
        var drop = Dropout.of(0.5);
        Tensor ones = Ops.ones(1000);
        drop.train(false);
        assertArrayEquals(ones.toFloatArray(), drop.forward(ones).toFloatArray());
        drop.train(true);
        float[] out = drop.forward(ones).toFloatArray();
        int zeros = 0;
        for (float v : out) {
            assertTrue(v == 0 || v == 2f, "kept values are scaled by 1/(1-p): " + v);
            if (v == 0) zeros++;
        }
        assertTrue(zeros > 400 && zeros < 600, "about half dropped: " + zeros);
    }

    @Test void predictRunsWithoutGradientsAndVariablesKeepValuesAcrossScopes() {
        Rng.seed(6);
        var model = Sequential.of(Linear.of(3, 2));
        HostArray w = model.parameters().get(0).toHost();
        HostArray out = model.predict(HostArray.of(new float[]{1, 0, 0}, 1, 3));
        HostArray b = model.parameters().get(1).toHost();
        assertEquals(w.get(0) + b.get(0), out.get(0), 1e-6);
        assertEquals(w.get(3) + b.get(1), out.get(1), 1e-6);   // row 1 of W, column 0
        for (Variable v : model.parameters()) assertEquals(v.toHost(), v.toHost());
    }

    @Test void cachedPredictSeesUpdatedWeights() {
        Rng.seed(7);
        var model = Sequential.of(Linear.of(2, 1));
        HostArray x = HostArray.of(new float[]{1, 2}, 1, 2);
        double oldBias = model.parameters().get(1).toHost().get(0);
        double before = model.predict(x).get(0);
        model.parameters().get(1).load(HostArray.of(new float[]{10f}, 1));
        assertEquals(before - oldBias + 10, model.predict(x).get(0), 1e-5);
        double[] w = model.parameters().get(0).toHost().toDoubleArray();
        assertEquals(w[0] + 2 * w[1] + 10, model.predict(x).get(0), 1e-5);
    }

    @Test void copyFromMakesATargetNetwork() {
        var online = Sequential.of(Linear.of(3, 4), ReLU.of(), Linear.of(4, 2));
        var target = Sequential.of(Linear.of(3, 4), ReLU.of(), Linear.of(4, 2));
        HostArray x = HostArray.of(new float[]{1, -2, 3}, 1, 3);
        assertTrue(online.predict(x).maxAbsDiff(target.predict(x)) > 1e-4);
        target.copyFrom(online);
        assertEquals(0, online.predict(x).maxAbsDiff(target.predict(x)));
        assertThrows(IllegalArgumentException.class, () -> target.copyFrom(Sequential.of(Linear.of(3, 2))));
    }

    @Test void sameSeedGivesSameWeights() {
        Rng.seed(9);
        HostArray a = Linear.of(5, 4).weight().toHost();
        Rng.seed(9);
        assertEquals(a, Linear.of(5, 4).weight().toHost());
    }
}
