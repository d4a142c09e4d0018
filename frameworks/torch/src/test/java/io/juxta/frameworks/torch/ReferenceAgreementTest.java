package io.juxta.frameworks.torch;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.Dataset;
import io.juxta.frameworks.Rng;
import io.juxta.frameworks.nn.Linear;
import io.juxta.frameworks.nn.Loss;
import io.juxta.frameworks.nn.ReLU;
import io.juxta.frameworks.nn.Sequential;
import io.juxta.frameworks.train.Fit;
import io.juxta.frameworks.train.History;
import io.juxta.frameworks.train.Optim;
import io.juxta.frameworks.train.Optimizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The torch backend and a pure-Java MLP (hand-written forward, backward and optimizer) start from the same
 * weights, see the same batches, and must produce the same loss at every step and the same final weights.
 */
class ReferenceAgreementTest {
    static final int N = 256, D = 12, H = 16, C = 3, B = 32;

    @BeforeAll static void select() { Backends.use("torch"); }

    @Test void sgdWithMomentumAgreesWithJava() { agree(Optim.sgd(0.1, 0.9), "sgd"); }

    @Test void adamAgreesWithJava() { agree(Optim.adam(5e-3), "adam"); }

    private void agree(Optimizer optimizer, String kind) {
        Rng.seed(17);
        Dataset data = TrainingTest.teacherData(31, N, D, C);
        Linear l1 = Linear.of(D, H), l2 = Linear.of(H, C);
        var model = Sequential.of(l1, ReLU.of(), l2);
        JavaMlp ref = new JavaMlp(l1.weight().toHost().toFloatArray().clone(), l1.bias().toHost().toFloatArray().clone(),
                l2.weight().toHost().toFloatArray().clone(), l2.bias().toHost().toFloatArray().clone(), kind);

        History h = model.fit(data, Loss.crossEntropy(), optimizer, Fit.epochs(2).batch(B).shuffle(false).verbose(false));
        double[] torchLoss = h.losses();
        float[] x = data.x().toFloatArray();
        int[] y = data.y().toIntArray();
        int step = 0;
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int start = 0; start < N; start += B, step++) {
                double javaLoss = ref.step(java.util.Arrays.copyOfRange(x, start * D, (start + B) * D), java.util.Arrays.copyOfRange(y, start, start + B));
                assertEquals(javaLoss, torchLoss[step], 1e-4, kind + " step " + step);
            }
        }
        assertTrue(torchLoss[torchLoss.length - 1] < torchLoss[0], "it trained");
        assertTrue(Reference.maxAbsDiff(ref.w1, l1.weight().toHost().toFloatArray()) < 1e-4, "final W1");
        assertTrue(Reference.maxAbsDiff(ref.b2, l2.bias().toHost().toFloatArray()) < 1e-4, "final b2");
    }

    /** 2-layer ReLU MLP with cross-entropy, trained by hand. */
    static final class JavaMlp {
        final float[] w1, b1, w2, b2;
        final float[][] params, m, v;
        final String kind;
        int t;

        JavaMlp(float[] w1, float[] b1, float[] w2, float[] b2, String kind) {
            this.w1 = w1; this.b1 = b1; this.w2 = w2; this.b2 = b2; this.kind = kind;
            params = new float[][]{w1, b1, w2, b2};
            m = new float[4][];
            v = new float[4][];
            for (int i = 0; i < 4; i++) { m[i] = new float[params[i].length]; v[i] = new float[params[i].length]; }
        }

        double step(float[] x, int[] y) {
            int n = y.length;
            float[] z1 = new float[n * H], h = new float[n * H], z2 = new float[n * C];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < H; j++) {
                    double s = b1[j];
                    for (int k = 0; k < D; k++) s += x[i * D + k] * w1[j * D + k];
                    z1[i * H + j] = (float) s;
                    h[i * H + j] = Math.max(0, (float) s);
                }
                for (int c = 0; c < C; c++) {
                    double s = b2[c];
                    for (int j = 0; j < H; j++) s += h[i * H + j] * w2[c * H + j];
                    z2[i * C + c] = (float) s;
                }
            }
            double loss = Reference.crossEntropy(z2, y, C);
            float[] p = Reference.softmaxRows(z2, n, C);
            float[] dz2 = new float[n * C];
            for (int i = 0; i < n; i++) for (int c = 0; c < C; c++) dz2[i * C + c] = (p[i * C + c] - (y[i] == c ? 1 : 0)) / n;
            float[] gw2 = new float[C * H], gb2 = new float[C], gw1 = new float[H * D], gb1 = new float[H];
            float[] dz1 = new float[n * H];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < C; c++) {
                    gb2[c] += dz2[i * C + c];
                    for (int j = 0; j < H; j++) gw2[c * H + j] += dz2[i * C + c] * h[i * H + j];
                }
                for (int j = 0; j < H; j++) {
                    double s = 0;
                    for (int c = 0; c < C; c++) s += dz2[i * C + c] * w2[c * H + j];
                    dz1[i * H + j] = z1[i * H + j] > 0 ? (float) s : 0;
                }
                for (int j = 0; j < H; j++) {
                    gb1[j] += dz1[i * H + j];
                    for (int k = 0; k < D; k++) gw1[j * D + k] += dz1[i * H + j] * x[i * D + k];
                }
            }
            float[][] grads = {gw1, gb1, gw2, gb2};
            t++;
            for (int q = 0; q < 4; q++) {
                float[] w = params[q], g = grads[q];
                for (int i = 0; i < w.length; i++) {
                    if (kind.equals("sgd")) {
                        m[q][i] = 0.9f * m[q][i] + g[i];
                        w[i] -= 0.1f * m[q][i];
                    } else {
                        m[q][i] = 0.9f * m[q][i] + 0.1f * g[i];
                        v[q][i] = 0.999f * v[q][i] + 0.001f * g[i] * g[i];
                        double mHat = m[q][i] / (1 - Math.pow(0.9, t)), vHat = v[q][i] / (1 - Math.pow(0.999, t));
                        w[i] -= (float) (5e-3 * mHat / (Math.sqrt(vHat) + 1e-8));
                    }
                }
            }
            return loss;
        }
    }
}
