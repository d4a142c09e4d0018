package io.juxta.frameworks.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.Dataset;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Rng;
import io.juxta.frameworks.Variable;
import io.juxta.frameworks.nn.BatchNorm;
import io.juxta.frameworks.nn.Conv2d;
import io.juxta.frameworks.nn.Embedding;
import io.juxta.frameworks.nn.GRU;
import io.juxta.frameworks.nn.LSTM;
import io.juxta.frameworks.nn.Flatten;
import io.juxta.frameworks.nn.Linear;
import io.juxta.frameworks.nn.Loss;
import io.juxta.frameworks.nn.MaxPool2d;
import io.juxta.frameworks.nn.Model;
import io.juxta.frameworks.nn.ReLU;
import io.juxta.frameworks.nn.Sequential;
import io.juxta.frameworks.nn.Tanh;
import io.juxta.frameworks.train.Fit;
import io.juxta.frameworks.train.History;
import io.juxta.frameworks.train.Optim;
import io.juxta.frameworks.train.Optimizer;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/**
 * The same model, data, batches and initial host weights trained 50 steps on torch (eager) and on tf (staged):
 * the loss curves must agree within 1e-3 at every step.
 */
class BackendParityTest {
    static final int STEPS = 50;

    /** Rows of Gaussian features labelled by a random linear teacher (learnable, not trivial). */
    static Dataset teacher(int rows, int features, int classes, long seed) {
        Random r = new Random(seed);
        float[] x = new float[rows * features], t = new float[features * classes];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
        long[] y = new long[rows];
        for (int n = 0; n < rows; n++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double s = 0;
                for (int f = 0; f < features; f++) s += x[n * features + f] * t[f * classes + c];
                if (s > best) { best = s; y[n] = c; }
            }
        }
        return Dataset.of(HostArray.of(x, rows, features), HostArray.of(y, rows));
    }

    /** 1x12x12 images: the class is the third of the image holding a bright 2x2 patch. */
    static Dataset patches(int rows, long seed) {
        Random r = new Random(seed);
        float[] x = new float[rows * 144];
        long[] y = new long[rows];
        for (int n = 0; n < rows; n++) {
            for (int k = 0; k < 144; k++) x[n * 144 + k] = (float) (r.nextGaussian() * 0.2);
            int row = r.nextInt(11), col = r.nextInt(11);
            y[n] = col / 4;
            for (int dr = 0; dr < 2; dr++) for (int dc = 0; dc < 2; dc++) x[n * 144 + (row + dr) * 12 + col + dc] += 2;
        }
        return Dataset.of(HostArray.of(x, rows, 1, 12, 12), HostArray.of(y, rows));
    }

    record Run(double[] losses, Map<String, float[]> weights, double medianStepMs) {}

    /** Builds the model from the same seed (so identical host weights) and fits it on {@code backend}. */
    static Run train(String backend, Supplier<Model> model, Dataset data, Supplier<Optimizer> optimizer, int batch) {
        Backends.use(backend);
        Rng.seed(1234);
        Model m = model.get();
        History h = m.fit(data, Loss.crossEntropy(), optimizer.get(), Fit.epochs(1).batch(batch).seed(5).verbose(false));
        Map<String, float[]> w = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Variable> e : m.namedVariables().entrySet()) w.put(e.getKey(), e.getValue().toHost().toFloatArray().clone());
        return new Run(h.losses(), w, h.medianStepMillis());
    }

    static void assertSameCurves(String what, Supplier<Model> model, Dataset data, Supplier<Optimizer> optimizer, int batch) {
        Run torch = train("torch", model, data, optimizer, batch);
        Run tf = train("tf", model, data, optimizer, batch);
        assertEquals(STEPS, torch.losses().length, "steps");
        assertEquals(STEPS, tf.losses().length, "steps");
        double maxDiff = 0, maxWeightDiff = 0;
        for (int s = 0; s < STEPS; s++) maxDiff = Math.max(maxDiff, Math.abs(torch.losses()[s] - tf.losses()[s]));
        for (String k : torch.weights().keySet()) {
            float[] a = torch.weights().get(k), b = tf.weights().get(k);
            for (int i = 0; i < a.length; i++) maxWeightDiff = Math.max(maxWeightDiff, Math.abs(a[i] - b[i]));
        }
        System.out.printf("%-28s loss %.5f -> %.5f (torch) / %.5f -> %.5f (tf); max |dloss| %.2e, max |dweight| %.2e; "
                        + "median step torch %.3f ms, tf %.3f ms%n", what, torch.losses()[0], torch.losses()[STEPS - 1],
                tf.losses()[0], tf.losses()[STEPS - 1], maxDiff, maxWeightDiff, torch.medianStepMs(), tf.medianStepMs());
        for (int s = 0; s < STEPS; s++) {
            assertEquals(torch.losses()[s], tf.losses()[s], 1e-3, what + ": loss at step " + s);
        }
        assertTrue(torch.losses()[STEPS - 1] < torch.losses()[0], what + ": the loss falls");
    }

    static Model mlp() { return Sequential.of(Linear.of(20, 32), ReLU.of(), Linear.of(32, 16), Tanh.of(), Linear.of(16, 4)); }

    static Model cnn() {
        return Sequential.of(Conv2d.of(1, 4, 3), ReLU.of(), MaxPool2d.of(2), Conv2d.of(4, 6, 3).padding(1), ReLU.of(),
                Flatten.of(), Linear.of(6 * 5 * 5, 3));
    }

    @Test void mlpWithSgdMomentum() {
        assertSameCurves("MLP, SGD momentum", BackendParityTest::mlp, teacher(STEPS * 16, 20, 4, 1), () -> Optim.sgd(0.05, 0.9), 16);
    }

    @Test void mlpWithEveryOptimizer() {
        Dataset data = teacher(STEPS * 16, 20, 4, 2);
        for (Map.Entry<String, Supplier<Optimizer>> e : Map.<String, Supplier<Optimizer>>of(
                "MLP, Adam", () -> Optim.adam(1e-3),
                "MLP, AdamW", () -> Optim.adamW(3e-3, 0.05),
                "MLP, RMSprop", () -> Optim.rmsprop(1e-3),
                "MLP, SGD Nesterov + decay", () -> Optim.sgd(0.05, 0.9, true, 1e-3)).entrySet()) {
            assertSameCurves(e.getKey(), BackendParityTest::mlp, data, e.getValue(), 16);
        }
    }

    @Test void cnnWithAdam() {
        assertSameCurves("CNN, Adam", BackendParityTest::cnn, patches(STEPS * 8, 3), () -> Optim.adam(3e-3), 8);
    }

    /** Token sequences of length 6: the class is which of three token ranges the last token falls in. */
    static Dataset sequences(int rows, long seed) {
        Random r = new Random(seed);
        long[] x = new long[rows * 6];
        long[] y = new long[rows];
        for (int n = 0; n < rows; n++) {
            for (int t = 0; t < 6; t++) x[n * 6 + t] = r.nextInt(21);
            y[n] = x[n * 6 + 5] / 7;
        }
        return Dataset.of(HostArray.of(x, rows, 6), HostArray.of(y, rows));
    }

    @Test void embeddingWithUnrolledLstmAndGru() {
        Dataset data = sequences(STEPS * 8, 4);
        assertSameCurves("Embedding+LSTM, Adam", () -> Sequential.of(Embedding.of(21, 8), LSTM.of(8, 12).lastStepOnly(), Linear.of(12, 3)),
                data, () -> Optim.adam(1e-2), 8);
        assertSameCurves("Embedding+GRU, RMSprop", () -> Sequential.of(Embedding.of(21, 8), GRU.of(8, 12).lastStepOnly(), Linear.of(12, 3)),
                data, () -> Optim.rmsprop(3e-3), 8);
    }

    @Test void batchNormTrainsAndEvaluatesAlike() {
        Dataset data = patches(STEPS * 8, 6);
        Supplier<Model> model = () -> Sequential.of(Conv2d.of(1, 4, 3), BatchNorm.of2d(4), ReLU.of(), MaxPool2d.of(2), Flatten.of(),
                Linear.of(4 * 5 * 5, 8), BatchNorm.of1d(8), ReLU.of(), Linear.of(8, 3));
        assertSameCurves("CNN+BatchNorm, SGD", model, data, () -> Optim.sgd(0.05, 0.9), 8);
        Map<String, Double> onTorch = trainAndEvaluate("torch", model, data), onTf = trainAndEvaluate("tf", model, data);
        System.out.println("evaluation after training (running statistics): torch " + onTorch + ", tf " + onTf);
        assertEquals(onTorch.get("loss"), onTf.get("loss"), 1e-3);
    }

    static Map<String, Double> trainAndEvaluate(String backend, Supplier<Model> model, Dataset data) {
        Backends.use(backend);
        Rng.seed(1234);
        Model m = model.get();
        m.fit(data, Loss.crossEntropy(), Optim.sgd(0.05, 0.9), Fit.epochs(1).batch(8).seed(5).verbose(false));
        return m.evaluate(data.limit(64), Loss.crossEntropy());
    }

    @Test void bothBackendsAreOnTheClassPath() {
        assertEquals(List.of("tf", "torch"), Backends.available().stream().sorted().toList());
    }
}
