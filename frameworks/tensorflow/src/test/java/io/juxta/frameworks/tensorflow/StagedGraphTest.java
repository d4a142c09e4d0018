package io.juxta.frameworks.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** Tracing, differentiating and running steps of a small MLP against a hand-written plain-Java MLP. */
class StagedGraphTest {
    static final int IN = 6, HID = 5, OUT = 3;

    /** Plain-Java 2-layer MLP (relu) with cross entropy and SGD, torch layouts. */
    static final class JavaMlp {
        final double[] w1, b1, w2, b2;

        JavaMlp(float[] w1, float[] b1, float[] w2, float[] b2) {
            this.w1 = toD(w1); this.b1 = toD(b1); this.w2 = toD(w2); this.b2 = toD(b2);
        }

        static double[] toD(float[] f) { double[] d = new double[f.length]; for (int i = 0; i < f.length; i++) d[i] = f[i]; return d; }

        /** One SGD step; returns the loss before the update. */
        double step(float[] x, long[] y, int n, double lr) {
            double[] h = new double[n * HID], z = new double[n * HID], logits = new double[n * OUT];
            for (int i = 0; i < n; i++) for (int j = 0; j < HID; j++) {
                double s = b1[j];
                for (int k = 0; k < IN; k++) s += x[i * IN + k] * w1[j * IN + k];
                z[i * HID + j] = s; h[i * HID + j] = Math.max(0, s);
            }
            for (int i = 0; i < n; i++) for (int o = 0; o < OUT; o++) {
                double s = b2[o];
                for (int j = 0; j < HID; j++) s += h[i * HID + j] * w2[o * HID + j];
                logits[i * OUT + o] = s;
            }
            double loss = 0;
            double[] dl = new double[n * OUT];
            for (int i = 0; i < n; i++) {
                double m = Double.NEGATIVE_INFINITY, zsum = 0;
                for (int o = 0; o < OUT; o++) m = Math.max(m, logits[i * OUT + o]);
                for (int o = 0; o < OUT; o++) zsum += Math.exp(logits[i * OUT + o] - m);
                loss += m + Math.log(zsum) - logits[i * OUT + (int) y[i]];
                for (int o = 0; o < OUT; o++) dl[i * OUT + o] = (Math.exp(logits[i * OUT + o] - m) / zsum - (o == y[i] ? 1 : 0)) / n;
            }
            double[] gw2 = new double[w2.length], gb2 = new double[b2.length], gw1 = new double[w1.length], gb1 = new double[b1.length];
            double[] dh = new double[n * HID];
            for (int i = 0; i < n; i++) for (int o = 0; o < OUT; o++) {
                gb2[o] += dl[i * OUT + o];
                for (int j = 0; j < HID; j++) { gw2[o * HID + j] += dl[i * OUT + o] * h[i * HID + j]; dh[i * HID + j] += dl[i * OUT + o] * w2[o * HID + j]; }
            }
            for (int i = 0; i < n; i++) for (int j = 0; j < HID; j++) {
                double dz = z[i * HID + j] > 0 ? dh[i * HID + j] : 0;
                gb1[j] += dz;
                for (int k = 0; k < IN; k++) gw1[j * IN + k] += dz * x[i * IN + k];
            }
            for (int i = 0; i < w1.length; i++) w1[i] -= lr * gw1[i];
            for (int i = 0; i < b1.length; i++) b1[i] -= lr * gb1[i];
            for (int i = 0; i < w2.length; i++) w2[i] -= lr * gw2[i];
            for (int i = 0; i < b2.length; i++) b2[i] -= lr * gb2[i];
            return loss / n;
        }
    }

    record Mlp(StagedGraph graph, StagedParameter w1, StagedParameter b1, StagedParameter w2, StagedParameter b2, StepTrace trace) {}

    static Mlp mlp(float[] w1, float[] b1, float[] w2, float[] b2) {
        StagedGraph g = new StagedGraph();
        StagedParameter pw1 = g.addParameter("w1", w1, HID, IN), pb1 = g.addParameter("b1", b1, HID);
        StagedParameter pw2 = g.addParameter("w2", w2, OUT, HID), pb2 = g.addParameter("b2", b2, OUT);
        StepTrace trace = (tf, in) -> {
            @SuppressWarnings("unchecked") Operand<TFloat32> x = (Operand<TFloat32>) in.get(0);
            @SuppressWarnings("unchecked") Operand<TInt64> y = (Operand<TInt64>) in.get(1);
            Operand<TFloat32> h = tf.nn.relu(NnOps.linear(tf, x, pw1.value(), pb1.value()));
            Operand<TFloat32> logits = NnOps.linear(tf, h, pw2.value(), pb2.value());
            return List.of(NnOps.crossEntropy(tf, logits, y), logits);
        };
        return new Mlp(g, pw1, pb1, pw2, pb2, trace);
    }

    static float[] w1 = Reference.random(1, HID * IN), b1 = Reference.random(2, HID), w2 = Reference.random(3, OUT * HID), b2 = Reference.random(4, OUT);

    static float[][] batch(int seed, int n) {
        float[] x = Reference.random(seed, n * IN);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) y[i] = (i * 7 + seed) % OUT;
        return new float[][] {x, y};
    }

    static long[] labels(float[] y) { long[] l = new long[y.length]; for (int i = 0; i < y.length; i++) l[i] = (long) y[i]; return l; }

    static float[][] run(CompiledStep step, float[] x, long[] y) {
        try (TFloat32 xt = HostTensors.floats(x, y.length, IN); TInt64 yt = HostTensors.longs(y, y.length)) {
            return step.run(List.<Tensor>of(xt, yt));
        }
    }

    static StepSignature signature(int n) {
        return new StepSignature(List.of(new StepSignature.Input(TFloat32.class, new long[] {n, IN}), new StepSignature.Input(TInt64.class, new long[] {n})));
    }

    @Test void sgdStepsMatchPlainJavaAcrossTwoBatchSizes() {
        JavaMlp ref = new JavaMlp(w1, b1, w2, b2);
        Mlp m = mlp(w1, b1, w2, b2);
        try (StagedGraph g = m.graph()) {
            GraphOptimizer sgd = new GraphOptimizer.Sgd(0.5, 0, 0, 0, false);
            for (int s = 0; s < 8; s++) {
                int n = s < 5 ? 4 : 3;     // a smaller last batch traces a second graph over the same weights
                float[][] b = batch(10 + s, n);
                long[] y = labels(b[1]);
                double expected = ref.step(b[0], y, n, 0.5);
                float[][] out = run(g.trainStep(signature(n), m.trace(), sgd), b[0], y);
                assertEquals(expected, out[0][0], 1e-5, "loss at step " + s);
                assertEquals(n * OUT, out[1].length, "logits fetched");
            }
            assertEquals(2, g.traceCount());
            float[] got = g.read(m.w1());
            for (int i = 0; i < got.length; i++) assertEquals(ref.w1[i], got[i], 1e-5, "w1[" + i + "]");
            float[] gotB2 = g.read(m.b2());
            for (int i = 0; i < gotB2.length; i++) assertEquals(ref.b2[i], gotB2[i], 1e-5, "b2[" + i + "]");
        }
    }

    @Test void forwardStepLeavesWeightsAlone() {
        Mlp m = mlp(w1, b1, w2, b2);
        try (StagedGraph g = m.graph()) {
            float[][] b = batch(3, 4);
            long[] y = labels(b[1]);
            float first = run(g.forwardStep(signature(4), m.trace()), b[0], y)[0][0];
            float second = run(g.forwardStep(signature(4), m.trace()), b[0], y)[0][0];
            assertEquals(first, second);
            assertEquals(Reference.crossEntropy(Reference.linear(relu(Reference.linear(b[0], w1, b1, 4, IN, HID)), w2, b2, 4, HID, OUT), y, 4, OUT), first, 1e-5);
            assertArrayEquals(w1, g.read(m.w1()));
            assertEquals(1, g.traceCount());
        }
    }

    static float[] relu(float[] x) { float[] y = x.clone(); for (int i = 0; i < y.length; i++) y[i] = Math.max(0, y[i]); return y; }

    @Test void writeReplacesWeightsAndUnusedWeightsAreNotTrained() {
        Mlp m = mlp(w1, b1, w2, b2);
        try (StagedGraph g = m.graph()) {
            StagedParameter unused = g.addParameter("unused", new float[] {1f, 2f}, 2);
            float[] zeros = new float[OUT];
            g.write(m.b2(), zeros);
            assertArrayEquals(zeros, g.read(m.b2()));
            float[][] b = batch(5, 4);
            run(g.trainStep(signature(4), m.trace(), new GraphOptimizer.Adam(0.1, 0.9, 0.999, 1e-8, 0.1, true)), b[0], labels(b[1]));
            assertArrayEquals(new float[] {1f, 2f}, g.read(unused));
            assertEquals(false, Arrays.equals(zeros, g.read(m.b2())), "b2 trained");
            assertThrows(IllegalArgumentException.class, () -> g.write(m.b2(), new float[OUT + 1]));
        }
    }

    @Test void aNonScalarLossIsRejectedWithAClearMessage() {
        Mlp m = mlp(w1, b1, w2, b2);
        try (StagedGraph g = m.graph()) {
            StepTrace logitsFirst = (tf, in) -> List.of(m.trace().trace(tf, in).get(1));
            var e = assertThrows(IllegalArgumentException.class, () -> g.trainStep(signature(4), logitsFirst, new GraphOptimizer.Sgd(0.1, 0, 0, 0, false)));
            assertEquals(true, e.getMessage().contains("float32 scalar"), e.getMessage());
        }
    }
}
