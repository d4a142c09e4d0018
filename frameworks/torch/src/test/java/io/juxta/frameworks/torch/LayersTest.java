package io.juxta.frameworks.torch;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.Dataset;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Ops;
import io.juxta.frameworks.Rng;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.nn.BatchNorm;
import io.juxta.frameworks.nn.Embedding;
import io.juxta.frameworks.nn.Flatten;
import io.juxta.frameworks.nn.GRU;
import io.juxta.frameworks.nn.LSTM;
import io.juxta.frameworks.nn.Linear;
import io.juxta.frameworks.nn.Loss;
import io.juxta.frameworks.nn.Metric;
import io.juxta.frameworks.nn.Recurrent;
import io.juxta.frameworks.nn.Sequential;
import io.juxta.frameworks.train.Fit;
import io.juxta.frameworks.train.Optim;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Portable layers (written over the ops) against libtorch's own fused kernels. */
class LayersTest {
    @BeforeAll static void select() { Backends.use("torch"); }

    static org.bytedeco.pytorch.Tensor n(Tensor t) { return ((TorchTensor) t).native_; }

    static org.bytedeco.pytorch.Tensor n(HostArray a) { return n(Ops.tensor(a)); }

    static float[] host(org.bytedeco.pytorch.Tensor t) { return new TorchTensor((TorchBackend) Backends.current(), t).toFloatArray(); }

    @Test void lstmMatchesLibtorchLstmCell() {
        Rng.seed(1);
        LSTM lstm = LSTM.of(3, 5);
        HostArray x = Rng.normal(0, 1, 2, 4, 3);
        float[] ours = lstm.forward(Ops.tensor(x)).toFloatArray();
        var p = lstm.namedVariables();
        org.bytedeco.pytorch.Tensor h = torch.zeros(2, 5), c = torch.zeros(2, 5);
        org.bytedeco.pytorch.Tensor xs = n(x);
        float[] expected = new float[2 * 4 * 5];
        for (int t = 0; t < 4; t++) {
            var hc = torch.lstm_cell(xs.select(1, t), new TensorVector(h, c), n(p.get("weight_ih_l0").value()), n(p.get("weight_hh_l0").value()),
                    new TensorOptional(n(p.get("bias_ih_l0").value())), new TensorOptional(n(p.get("bias_hh_l0").value())));
            h = hc.get0();
            c = hc.get1();
            float[] ht = host(h);
            for (int b = 0; b < 2; b++) System.arraycopy(ht, b * 5, expected, (b * 4 + t) * 5, 5);
        }
        assertTrue(Reference.maxAbsDiff(expected, ours) < 1e-5, "max diff " + Reference.maxAbsDiff(expected, ours));
    }

    @Test void gruMatchesLibtorchGruCell() {
        Rng.seed(2);
        Recurrent gru = GRU.of(3, 4).lastStepOnly();
        HostArray x = Rng.normal(0, 1, 2, 5, 3);
        float[] ours = gru.forward(Ops.tensor(x)).toFloatArray();
        var p = gru.namedVariables();
        org.bytedeco.pytorch.Tensor h = torch.zeros(2, 4), xs = n(x);
        for (int t = 0; t < 5; t++) {
            h = torch.gru_cell(xs.select(1, t), h, n(p.get("weight_ih_l0").value()), n(p.get("weight_hh_l0").value()),
                    new TensorOptional(n(p.get("bias_ih_l0").value())), new TensorOptional(n(p.get("bias_hh_l0").value())));
        }
        assertTrue(Reference.maxAbsDiff(host(h), ours) < 1e-5);
    }

    @Test void batchNormMatchesLibtorchInTrainingAndEvaluation() {
        BatchNorm bn = BatchNorm.of2d(3);
        HostArray x = Rng.normal(1, 2, 4, 3, 2, 2);
        org.bytedeco.pytorch.Tensor rm = torch.zeros(3), rv = torch.ones(3);
        for (int step = 0; step < 3; step++) {
            bn.train(true);
            float[] ours = bn.forward(Ops.tensor(x)).toFloatArray();
            float[] theirs = host(torch.batch_norm(n(x), new TensorOptional(torch.ones(3)), new TensorOptional(torch.zeros(3)),
                    new TensorOptional(rm), new TensorOptional(rv), true, 0.1, 1e-5, false));
            assertTrue(Reference.maxAbsDiff(theirs, ours) < 1e-5, "training output, step " + step);
        }
        var state = bn.namedVariables();
        assertTrue(Reference.maxAbsDiff(host(rm), state.get("running_mean").toHost().toFloatArray()) < 1e-5, "running mean");
        assertTrue(Reference.maxAbsDiff(host(rv), state.get("running_var").toHost().toFloatArray()) < 1e-5, "running var (unbiased)");
        bn.train(false);
        float[] theirs = host(torch.batch_norm(n(x), new TensorOptional(torch.ones(3)), new TensorOptional(torch.zeros(3)),
                new TensorOptional(rm), new TensorOptional(rv), false, 0.1, 1e-5, false));
        assertTrue(Reference.maxAbsDiff(theirs, bn.forward(Ops.tensor(x)).toFloatArray()) < 1e-5, "evaluation output");
    }

    @Test void batchOfOneRowKeepsRunningStatisticsFinite() {
        BatchNorm bn = BatchNorm.of1d(2);
        bn.forward(Ops.tensor(new float[]{1, 2}, 1, 2));
        for (float v : bn.namedVariables().get("running_var").toHost().toFloatArray()) assertTrue(Float.isFinite(v), "running var " + v);
    }

    @Test void embeddingLooksUpRows() {
        Rng.seed(3);
        Embedding e = Embedding.of(10, 4);
        Tensor out = e.forward(Ops.tensor(new int[]{3, 7, 3, 0}, 2, 2));
        assertArrayEquals(new int[]{2, 2, 4}, out.shape());
        float[] w = e.weight().toHost().toFloatArray(), o = out.toFloatArray();
        for (int k = 0; k < 4; k++) {
            assertEquals(w[3 * 4 + k], o[k]);
            assertEquals(w[7 * 4 + k], o[4 + k]);
        }
        assertThrows(IllegalArgumentException.class, () -> e.forward(Ops.zeros(2)));
    }

    @Test void sequenceClassifierTrainsAndSavesAndLoads(@TempDir Path dir) throws Exception {
        Rng.seed(4);
        // label = whether token 1 occurs in the sequence
        int n = 256, len = 6;
        int[] tokens = new int[n * len], labels = new int[n];
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < len; t++) tokens[i * len + t] = 2 + r.nextInt(6);
            if (i % 2 == 0) tokens[i * len + r.nextInt(len)] = 1;
            labels[i] = i % 2 == 0 ? 1 : 0;
        }
        var data = Dataset.of(HostArray.of(tokens, n, len), HostArray.of(labels));
        var model = Sequential.of(Embedding.of(8, 8), LSTM.of(8, 16).lastStepOnly(), BatchNorm.of1d(16), Linear.of(16, 2));
        var h = model.fit(data, Loss.crossEntropy(), Optim.adam(1e-2).clipGradNorm(1.0), Fit.epochs(6).batch(32).metrics(Metric.accuracy()).verbose(false));
        assertTrue(h.metric("accuracy")[5] > 0.9, "accuracy " + java.util.Arrays.toString(h.metric("accuracy")));

        Path file = dir.resolve("model.safetensors");
        model.save(file);
        HostArray before = model.predict(data.x());
        Rng.seed(99);
        var fresh = Sequential.of(Embedding.of(8, 8), LSTM.of(8, 16).lastStepOnly(), BatchNorm.of1d(16), Linear.of(16, 2));
        assertTrue(before.maxAbsDiff(fresh.predict(data.x())) > 1e-3, "a fresh model differs");
        fresh.load(file);
        assertEquals(0, before.maxAbsDiff(fresh.predict(data.x())), 1e-6, "loaded weights and batch-norm statistics");
        var wrong = Sequential.of(Linear.of(2, 2), Flatten.of());
        assertThrows(IllegalArgumentException.class, () -> wrong.load(file));
    }
}
