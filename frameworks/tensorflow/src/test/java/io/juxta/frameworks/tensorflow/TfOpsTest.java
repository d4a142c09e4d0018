package io.juxta.frameworks.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.DType;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.MemoryScope;
import io.juxta.frameworks.Ops;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.spi.TensorOps;

import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every portable op on the tf backend, run eagerly, against values computed in plain Java. */
class TfOpsTest {
    static TensorOps ops;

    @BeforeAll static void select() {
        Backends.use("tf");
        ops = Backends.current().ops();
    }

    static Tensor t(float[] v, int... shape) { return ops.fromHost(HostArray.of(v, shape)); }

    static Tensor l(long[] v, int... shape) { return ops.fromHost(HostArray.of(v, shape)); }

    static void check(double[] expected, Tensor actual, int... shape) {
        assertArrayEquals(shape, actual.shape(), "shape");
        double[] got = actual.toDoubleArray();
        assertEquals(expected.length, got.length, "size");
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], got[i], 1e-5 * Math.max(1, Math.abs(expected[i])), "element " + i);
    }

    static final float[] A = {0.5f, -1.5f, 2f, 3.25f, -0.75f, 1f};
    static final float[] B = {2f, 0.5f, -1f, 1.5f, 4f, -2.5f};

    static double[] map(float[] x, DoubleUnaryOperator f) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = f.applyAsDouble(x[i]);
        return out;
    }

    static double[] zip(float[] x, float[] y, DoubleBinaryOperator f) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = f.applyAsDouble(x[i], y[i]);
        return out;
    }

    @Test void elementwiseBinary() {
        Tensor a = t(A, 2, 3), b = t(B, 2, 3);
        check(zip(A, B, Double::sum), ops.add(a, b), 2, 3);
        check(zip(A, B, (x, y) -> x - y), ops.sub(a, b), 2, 3);
        check(zip(A, B, (x, y) -> x * y), ops.mul(a, b), 2, 3);
        check(zip(A, B, (x, y) -> x / y), ops.div(a, b), 2, 3);
        check(zip(A, B, Math::max), ops.maximum(a, b), 2, 3);
        check(zip(A, B, Math::min), ops.minimum(a, b), 2, 3);
        float[] pos = {0.5f, 1.5f, 2f, 3.25f, 0.75f, 1f};
        check(zip(pos, B, Math::pow), ops.pow(t(pos, 2, 3), b), 2, 3);
    }

    @Test void broadcastingAndIntegerDivision() {
        check(new double[] {1.5f, -0.5f, 3f, 4.25f, 0.25f, 2f}, ops.add(t(A, 2, 3), ops.scalar(1, DType.FLOAT32)), 2, 3);
        check(new double[] {0.5f + 10, -1.5f + 20, 2f + 30, 3.25f + 10, -0.75f + 20, 1f + 30}, ops.add(t(A, 2, 3), t(new float[] {10, 20, 30}, 3)), 2, 3);
        Tensor q = ops.div(l(new long[] {7, -7}, 2), l(new long[] {2, 2}, 2));
        assertEquals(DType.FLOAT32, q.dtype(), "true division like torch");
        check(new double[] {3.5, -3.5}, q, 2);
    }

    @Test void elementwiseUnary() {
        Tensor a = t(A, 6);
        check(map(A, x -> -x), ops.neg(a), 6);
        check(map(A, Math::abs), ops.abs(a), 6);
        check(map(A, Math::signum), ops.sign(a), 6);
        check(map(A, Math::exp), ops.exp(a), 6);
        check(map(A, Math::tanh), ops.tanh(a), 6);
        check(map(A, x -> 1 / (1 + Math.exp(-x))), ops.sigmoid(a), 6);
        check(map(A, x -> Math.max(0, x)), ops.relu(a), 6);
        check(map(A, Math::sin), ops.sin(a), 6);
        check(map(A, Math::cos), ops.cos(a), 6);
        check(map(A, Math::floor), ops.floor(a), 6);
        check(map(A, Math::ceil), ops.ceil(a), 6);
        check(map(A, x -> x * x), ops.square(a), 6);
        check(new double[] {0, 2, 2, -2, -0.0, 4}, ops.round(t(new float[] {0.5f, 1.5f, 2.5f, -2.5f, -0.4f, 3.6f}, 6)), 6);
        float[] pos = {0.5f, 1.5f, 2f, 3.25f, 0.75f, 1f};
        Tensor p = t(pos, 6);
        check(map(pos, Math::log), ops.log(p), 6);
        check(map(pos, Math::log1p), ops.log1p(p), 6);
        check(map(pos, Math::sqrt), ops.sqrt(p), 6);
        check(map(pos, x -> 1 / Math.sqrt(x)), ops.rsqrt(p), 6);
        // erf(x) for a few points, from Abramowitz-Stegun tables
        check(new double[] {0, 0.5204998778, -0.8427007929, 0.9953222650}, ops.erf(t(new float[] {0, 0.5f, -1, 2}, 4)), 4);
        check(map(A, x -> Math.min(1, Math.max(-1, x))), ops.clamp(a, -1, 1), 6);
    }

    @Test void comparisonLogicAndSelection() {
        Tensor a = t(A, 6), b = t(B, 6);
        check(zip(A, B, (x, y) -> x < y ? 1 : 0), ops.lt(a, b), 6);
        check(zip(A, B, (x, y) -> x <= y ? 1 : 0), ops.le(a, b), 6);
        check(zip(A, B, (x, y) -> x > y ? 1 : 0), ops.gt(a, b), 6);
        check(zip(A, B, (x, y) -> x >= y ? 1 : 0), ops.ge(a, b), 6);
        check(zip(A, A, (x, y) -> 1), ops.eq(a, a), 6);
        check(zip(A, B, (x, y) -> x != y ? 1 : 0), ops.ne(a, b), 6);
        Tensor c = ops.gt(a, b);
        assertEquals(DType.BOOL, c.dtype());
        check(zip(A, B, (x, y) -> x > y ? x : y), ops.where(c, a, b), 6);
        check(zip(A, B, (x, y) -> (x > 0 && y > 0) ? 1 : 0), ops.logicalAnd(ops.gt(a, ops.zerosLike(a)), ops.gt(b, ops.zerosLike(b))), 6);
        check(zip(A, B, (x, y) -> (x > 0 || y > 0) ? 1 : 0), ops.logicalOr(ops.gt(a, ops.zerosLike(a)), ops.gt(b, ops.zerosLike(b))), 6);
        check(map(A, x -> x > 0 ? 0 : 1), ops.logicalNot(ops.gt(a, ops.zerosLike(a))), 6);
        check(new double[] {0, -1, 2, 3, 0, 1}, ops.cast(a, DType.INT32), 6);
        var e = assertThrows(IllegalArgumentException.class, () -> ops.add(a, l(new long[6], 6)));
        assertTrue(e.getMessage().contains("cast"), e.getMessage());
    }

    @Test void matmulShapes() {
        float[] m = {1, 2, 3, 4, 5, 6}, n = {7, 8, 9, 10, 11, 12};
        check(new double[] {58, 64, 139, 154}, ops.matmul(t(m, 2, 3), t(n, 3, 2)), 2, 2);
        check(new double[] {50, 122}, ops.matmul(t(m, 2, 3), t(new float[] {7, 8, 9}, 3)), 2);
        check(new double[] {58, 64, 139, 154}, ops.matmul(t(m, 2, 3), ops.transpose(t(n, 2, 3).reshape(3, 2).t().reshape(2, 3).t(), 0, 1).t()), 2, 2);
        check(new double[] {1 * 1 + 4 * 4, 1 * 2 + 4 * 5, 1 * 3 + 4 * 6, 2 * 1 + 5 * 4, 2 * 2 + 5 * 5, 2 * 3 + 5 * 6, 3 * 1 + 6 * 4, 3 * 2 + 6 * 5, 3 * 3 + 6 * 6},
                ops.matmul(t(m, 2, 3).t(), t(m, 2, 3)), 3, 3);
        check(new double[] {39, 54, 69}, ops.matmul(t(new float[] {7, 8}, 2), t(m, 2, 3)), 3);
        float[] batch = new float[12];
        System.arraycopy(m, 0, batch, 0, 6);
        System.arraycopy(n, 0, batch, 6, 6);
        double[] want = {1 * 1 + 2 * 2 + 3 * 3, 4 * 1 + 5 * 2 + 6 * 3, 7 + 8 * 2 + 9 * 3, 10 + 11 * 2 + 12 * 3};
        check(want, ops.matmul(t(batch, 2, 2, 3), t(new float[] {1, 2, 3}, 3, 1)), 2, 2, 1);
    }

    @Test void reductions() {
        Tensor a = t(A, 2, 3);
        check(new double[] {0.5 - 1.5 + 2 + 3.25 - 0.75 + 1}, ops.sum(a, new int[0], false));
        check(new double[] {0.5 + 3.25, -1.5 - 0.75, 3}, ops.sum(a, new int[] {0}, false), 3);
        check(new double[] {1.0 / 3, 3.5 / 3}, ops.mean(a, new int[] {-1}, true), 2, 1);
        check(new double[] {2, 3.25}, ops.max(a, new int[] {1}, false), 2);
        check(new double[] {-1.5}, ops.min(a, new int[0], false));
        check(new double[] {0.5 * -1.5 * 2, 3.25 * -0.75 * 1}, ops.prod(a, new int[] {1}, false), 2);
        Tensor am = ops.argmax(a, 1, false);
        assertEquals(DType.INT64, am.dtype());
        check(new double[] {2, 0}, am, 2);
        check(new double[] {1, 1}, ops.argmin(a, 1, true), 2, 1);
        check(new double[] {4}, ops.sum(ops.gt(a, ops.zerosLike(a)), new int[0], false));
        var e = assertThrows(IllegalArgumentException.class, () -> ops.mean(l(new long[] {1, 2}, 2), new int[0], false));
        assertTrue(e.getMessage().contains("cast"), e.getMessage());
    }

    @Test void softmaxFamily() {
        Tensor a = t(A, 2, 3);
        double[] soft = new double[6], logSoft = new double[6], lse = new double[2];
        for (int r = 0; r < 2; r++) {
            double z = 0;
            for (int c = 0; c < 3; c++) z += Math.exp(A[r * 3 + c]);
            lse[r] = Math.log(z);
            for (int c = 0; c < 3; c++) { soft[r * 3 + c] = Math.exp(A[r * 3 + c]) / z; logSoft[r * 3 + c] = A[r * 3 + c] - Math.log(z); }
        }
        check(soft, ops.softmax(a, -1), 2, 3);
        check(logSoft, ops.logSoftmax(a, 1), 2, 3);
        check(lse, ops.logSumExp(a, new int[] {1}, false), 2);
        check(lse, ops.logSumExp(a, new int[] {1}, true), 2, 1);
        double[] softCols = new double[6];
        for (int c = 0; c < 3; c++) {
            double z = Math.exp(A[c]) + Math.exp(A[3 + c]);
            softCols[c] = Math.exp(A[c]) / z;
            softCols[3 + c] = Math.exp(A[3 + c]) / z;
        }
        check(softCols, ops.softmax(a, 0), 2, 3);
    }

    @Test void fusedCrossEntropyMatchesPlainJava() {
        float[] logits = Reference.random(8, 5 * 7);
        long[] labels = {0, 6, 3, 3, 1};
        check(new double[] {Reference.crossEntropy(logits, labels, 5, 7)}, ops.crossEntropy(t(logits, 5, 7), l(labels, 5)));
        int[] intLabels = {0, 6, 3, 3, 1};
        check(new double[] {Reference.crossEntropy(logits, labels, 5, 7)}, ops.crossEntropy(t(logits, 5, 7), ops.fromHost(HostArray.of(intLabels, 5))));
    }

    @Test void shapeOps() {
        Tensor a = t(A, 2, 3);
        check(map(A, x -> x), ops.reshape(a, new int[] {3, -1}), 3, 2);
        check(new double[] {0.5, 3.25, -1.5, -0.75, 2, 1}, ops.permute(a, new int[] {1, 0}), 3, 2);
        check(new double[] {0.5, 3.25, -1.5, -0.75, 2, 1}, ops.transpose(a, 0, 1), 3, 2);
        check(new double[] {0.5, -1.5, 2, 0.5, -1.5, 2, 3.25, -0.75, 1, 3.25, -0.75, 1}, ops.concat(List.of(a, a), 1), 2, 6);
        check(new double[] {0.5, -1.5, 2, 2, 0.5, -1.5, 3.25, -0.75, 1, 1, 3.25, -0.75},
                ops.concat(List.of(a, ops.slice(a, 1, 2, 3, 1), ops.slice(a, 1, 0, 2, 1)), 1), 2, 6);
        check(new double[] {0.5, -1.5, 2, 3.25, -0.75, 1, 0.5, -1.5, 2, 3.25, -0.75, 1}, ops.stack(List.of(a, a), 0), 2, 2, 3);
        check(new double[] {0.5, 2, 3.25, 1}, ops.slice(a, 1, 0, 3, 2), 2, 2);
        check(new double[] {-1.5, 2, -0.75, 1}, ops.slice(a, -1, -2, 100, 1), 2, 2);
        check(new double[] {3.25, -0.75, 1, 0.5, -1.5, 2, 3.25, -0.75, 1}, ops.gather(a, l(new long[] {1, 0, 1}, 3), 0), 3, 3);
        check(new double[] {2, 0.5, 1, 3.25}, ops.gather(a, l(new long[] {2, 0}, 2), 1), 2, 2);
        check(map(A, x -> x), ops.unsqueeze(a, 1), 2, 1, 3);
        check(map(A, x -> x), ops.squeeze(ops.unsqueeze(a, -1), -1), 2, 3);
        check(new double[] {1, 2, 3, 1, 2, 3}, ops.broadcastTo(t(new float[] {1, 2, 3}, 3), new int[] {2, 3}), 2, 3);
        check(new double[] {0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0}, ops.oneHot(l(new long[] {1, 3, 0}, 3), 4, DType.FLOAT32), 3, 4);
        check(new double[] {0, 0, 0, 0, 0, 0.5, -1.5, 2, 0, 3.25, -0.75, 1}, ops.pad(a, new int[] {1, 0, 1, 0}), 3, 4);
        check(map(A, x -> x), ops.stopGradient(a), 2, 3);
    }

    @Test void creation() {
        check(new double[] {2.5, 2.5, 2.5, 2.5}, ops.full(new int[] {2, 2}, 2.5, DType.FLOAT32), 2, 2);
        check(new double[] {0, 0, 0}, ops.zeros(new int[] {3}, DType.INT64), 3);
        check(new double[] {1, 1, 1, 1, 1, 1}, ops.onesLike(t(A, 2, 3)), 2, 3);
        check(new double[] {1, 1.5, 2, 2.5}, ops.arange(1, 3, 0.5, DType.FLOAT32), 4);
        check(new double[] {0, 1, 2, 3, 4}, ops.arange(0, 5, 1, DType.INT64), 5);
        check(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, ops.eye(3, DType.FLOAT32), 3, 3);
        check(new double[] {7}, ops.scalar(7, DType.INT32));
        assertEquals(DType.INT32, ops.scalar(7, DType.INT32).dtype());
    }

    @Test void seededRandomOpsRepeatAfterReseeding() {
        Backends.current().manualSeed(42);
        double[] first = ops.randomUniform(new int[] {1000}, -1, 1, DType.FLOAT32).toDoubleArray();
        double[] second = ops.randomUniform(new int[] {1000}, -1, 1, DType.FLOAT32).toDoubleArray();
        Backends.current().manualSeed(42);
        assertArrayEquals(first, ops.randomUniform(new int[] {1000}, -1, 1, DType.FLOAT32).toDoubleArray());
        assertTrue(!java.util.Arrays.equals(first, second), "a new op draws new numbers");
        double mean = java.util.Arrays.stream(first).average().orElseThrow();
        assertTrue(Math.abs(mean) < 0.1 && java.util.Arrays.stream(first).allMatch(v -> v >= -1 && v < 1), "uniform in [-1, 1): mean " + mean);
        double[] normal = ops.randomNormal(new int[] {4000}, 3, 2, DType.FLOAT32).toDoubleArray();
        double m = java.util.Arrays.stream(normal).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(normal).map(v -> (v - m) * (v - m)).average().orElseThrow());
        assertEquals(3, m, 0.15);
        assertEquals(2, sd, 0.15);
    }

    @Test void tensorflowArgumentErrorsAreOneLineLikeTorchs() {
        var e = assertThrows(IllegalArgumentException.class, () -> Ops.zeros(2, 3).matmul(Ops.zeros(4, 5)));
        assertTrue(e.getMessage().startsWith("tf: Matrix size-incompatible: In[0]: [2,3], In[1]: [4,5]"), e.getMessage());
        assertFalse(e.getMessage().contains("[Op:"), e.getMessage());
        assertNull(e.getCause(), "nothing more to show: TensorFlow's own error repeats the message with graph node names");
        TensorOps userOps = Backends.current().ops();
        assertTrue(userOps.equals(Backends.current().ops()) && userOps.hashCode() == Backends.current().ops().hashCode());
    }

    @Test void aStagedStepsArgumentErrorDoesNotNameGraphNodes() {
        var model = io.juxta.frameworks.nn.Model.of(io.juxta.frameworks.nn.Linear.of(2, 2));
        var data = io.juxta.frameworks.Dataset.of(io.juxta.frameworks.HostArray.of(new float[] {1, 2, 3, 4}, 2, 2),
                io.juxta.frameworks.HostArray.of(new int[] {0, 5}, 2));
        var e = assertThrows(IllegalArgumentException.class, () -> model.fit(data, io.juxta.frameworks.nn.Loss.crossEntropy(),
                io.juxta.frameworks.train.Optim.sgd(0.1), io.juxta.frameworks.train.Fit.epochs(1).batch(2).verbose(false)));
        assertTrue(e.getMessage().startsWith("tf: Received a label value of 5 which is outside the valid range of [0, 2)"), e.getMessage());
        assertFalse(e.getMessage().contains("{{node"), e.getMessage());
        assertNull(e.getCause(), "no cause that would show the node names after all");
    }

    @SuppressWarnings("try")
    @Test void aClosedScopeFreesItsTensorsAndSaysSo() {
        Tensor kept = t(A, 6);
        Tensor inside;
        try (MemoryScope scope = Backends.current().openScope()) {
            inside = ops.exp(kept);
            check(map(A, Math::exp), inside, 6);
        }
        check(map(A, x -> x), kept, 6);
        var e = assertThrows(IllegalStateException.class, inside::toHost);
        assertTrue(e.getMessage().contains("memory scope"), e.getMessage());
    }
}
