package io.juxta.frameworks.torch;

import io.juxta.frameworks.Backend;
import io.juxta.frameworks.Backends;
import io.juxta.frameworks.DType;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Ops;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.spi.TensorOps;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TorchOpsTest {
    static TensorOps ops;

    @BeforeAll static void select() {
        Backends.use("torch");
        Backend b = Backends.current();
        assertEquals("torch", b.name());
        ops = b.ops();
    }

    private static Tensor t(float[] data, int... shape) { return Ops.tensor(data, shape); }

    @Test void hostRoundTripKeepsValuesShapeAndDtype() {
        for (HostArray a : List.of(HostArray.of(new float[]{1.5f, -2, 3, 4, 5, 6}, 2, 3), HostArray.of(new double[]{1e-300, 2}, 2),
                HostArray.of(new int[]{7, -8, 9}, 3, 1), HostArray.of(new long[]{1L << 40, -3}, 2), HostArray.of(new boolean[]{true, false, true}, 3))) {
            assertEquals(a, ops.fromHost(a).toHost(), "round trip of " + a.dtype());
        }
    }

    @Test void elementwiseMatchesJava() {
        float[] a = Reference.random(1, 12), b = Reference.random(2, 12);
        Tensor ta = t(a, 3, 4), tb = t(b, 3, 4);
        float[] sum = ta.add(tb).toFloatArray(), prod = ta.mul(tb).toFloatArray(), quot = ta.div(tb).toFloatArray();
        float[] ex = ta.exp().toFloatArray(), th = ta.tanh().toFloatArray(), sg = ta.sigmoid().toFloatArray(), re = ta.relu().toFloatArray();
        float[] cl = ta.clamp(-0.5, 0.5).toFloatArray(), ab = ta.abs().toFloatArray(), lg = ta.abs().add(1).log().toFloatArray();
        for (int i = 0; i < 12; i++) {
            assertEquals(a[i] + b[i], sum[i], 1e-6);
            assertEquals(a[i] * b[i], prod[i], 1e-6);
            assertEquals(a[i] / b[i], quot[i], 1e-5 * Math.max(1, Math.abs(a[i] / b[i])));
            assertEquals(Math.exp(a[i]), ex[i], 1e-5 * Math.exp(a[i]));
            assertEquals(Math.tanh(a[i]), th[i], 1e-6);
            assertEquals(1 / (1 + Math.exp(-a[i])), sg[i], 1e-6);
            assertEquals(Math.max(0, a[i]), re[i], 0);
            assertEquals(Math.max(-0.5, Math.min(0.5, a[i])), cl[i], 0);
            assertEquals(Math.abs(a[i]), ab[i], 0);
            assertEquals(Math.log(Math.abs(a[i]) + 1), lg[i], 1e-6);
        }
    }

    @Test void broadcastingAddsARowToEveryRow() {
        float[] m = {1, 2, 3, 4, 5, 6};
        float[] out = t(m, 2, 3).add(t(new float[]{10, 20, 30}, 3)).toFloatArray();
        assertArrayEquals(new float[]{11, 22, 33, 14, 25, 36}, out);
    }

    @Test void comparisonsAndWhere() {
        Tensor a = t(new float[]{1, 5, 3}, 3), b = t(new float[]{2, 2, 3}, 3);
        assertEquals(DType.BOOL, a.gt(b).dtype());
        assertArrayEquals(new int[]{0, 1, 0}, a.gt(b).toIntArray());
        assertArrayEquals(new int[]{0, 0, 1}, a.eq(b).toIntArray());
        assertArrayEquals(new int[]{1, 0, 1}, a.le(b).toIntArray());
        assertArrayEquals(new float[]{2, 5, 3}, Ops.where(a.gt(b), a, b).toFloatArray());
    }

    @Test void matmulMatchesJava() {
        float[] a = Reference.random(3, 5 * 7), b = Reference.random(4, 7 * 3);
        float[] got = t(a, 5, 7).matmul(t(b, 7, 3)).toFloatArray();
        assertTrue(Reference.maxAbsDiff(Reference.matmul(a, b, 5, 7, 3), got) < 1e-5);
    }

    @Test void conv2dWithPaddingMatchesJava() {
        float[] x = Reference.random(5, 2 * 3 * 6 * 5), w = Reference.random(6, 4 * 3 * 3 * 3), bias = Reference.random(7, 4);
        Tensor y = ops.conv2d(t(x, 2, 3, 6, 5), t(w, 4, 3, 3, 3), t(bias, 4), new int[]{1, 1}, new int[]{1, 1}, new int[]{1, 1});
        assertArrayEquals(new int[]{2, 4, 6, 5}, y.shape());
        assertTrue(Reference.maxAbsDiff(Reference.conv2d(x, 2, 3, 6, 5, w, 4, 3, bias, 1), y.toFloatArray()) < 1e-4);
    }

    @Test void poolingMatchesJava() {
        float[] x = Reference.random(8, 2 * 3 * 4 * 6);
        assertTrue(Reference.maxAbsDiff(Reference.pool2d(x, 2, 3, 4, 6, 2, true), Ops.maxPool2d(t(x, 2, 3, 4, 6), 2).toFloatArray()) == 0);
        assertTrue(Reference.maxAbsDiff(Reference.pool2d(x, 2, 3, 4, 6, 2, false), Ops.avgPool2d(t(x, 2, 3, 4, 6), 2).toFloatArray()) < 1e-6);
    }

    @Test void reductionsAlongAxes() {
        float[] a = {1, 2, 3, 4, 5, 6};
        Tensor x = t(a, 2, 3);
        assertArrayEquals(new float[]{5, 7, 9}, x.sum(0).toFloatArray());
        assertArrayEquals(new float[]{2, 5}, x.mean(1).toFloatArray());
        assertArrayEquals(new int[]{2, 1}, x.sum(1, true).shape());
        assertEquals(21, x.sum().item(), 0);
        assertEquals(6, x.max().item(), 0);
        assertArrayEquals(new float[]{1, 4}, x.min(1).toFloatArray());
        assertArrayEquals(new float[]{6, 120}, ops.prod(x, new int[]{1}, false).toFloatArray());
        assertArrayEquals(new long[]{2, 2}, x.argmax(1).toLongArray());
        assertEquals(DType.INT64, x.argmax(1).dtype());
    }

    @Test void softmaxFamilyMatchesJava() {
        float[] a = Reference.random(9, 4 * 5);
        Tensor x = t(a, 4, 5);
        float[] sm = Reference.softmaxRows(a, 4, 5);
        assertTrue(Reference.maxAbsDiff(sm, x.softmax(-1).toFloatArray()) < 1e-6);
        float[] logSm = x.logSoftmax(1).toFloatArray(), lse = x.logSumExp(1).toFloatArray();
        for (int i = 0; i < sm.length; i++) assertEquals(Math.log(sm[i]), logSm[i], 1e-5);
        for (int r = 0; r < 4; r++) {
            double s = 0;
            for (int c = 0; c < 5; c++) s += Math.exp(a[r * 5 + c]);
            assertEquals(Math.log(s), lse[r], 1e-5);
        }
    }

    @Test void shapeOps() {
        float[] a = {0, 1, 2, 3, 4, 5};
        Tensor x = t(a, 2, 3);
        assertArrayEquals(new float[]{0, 3, 1, 4, 2, 5}, x.t().toFloatArray());
        assertArrayEquals(new int[]{3, 2}, x.reshape(-1, 2).shape());
        assertArrayEquals(new int[]{3, 1, 2}, ops.permute(x.reshape(2, 1, 3), new int[]{2, 1, 0}).shape());
        assertArrayEquals(new float[]{1, 2, 4, 5}, x.slice(1, 1, 3).toFloatArray());
        assertArrayEquals(new float[]{0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5}, Ops.concat(List.of(x, x), 0).toFloatArray());
        assertArrayEquals(new int[]{2, 2, 3}, Ops.stack(List.of(x, x), 1).shape());
        assertArrayEquals(new float[]{3, 4, 5, 0, 1, 2, 3, 4, 5}, x.gather(Ops.tensor(new long[]{1, 0, 1}), 0).toFloatArray());
        assertArrayEquals(new int[]{2, 2, 2}, x.gather(Ops.tensor(new int[]{2, 0, 1, 1}, 2, 2), 1).shape());
        assertArrayEquals(new int[]{1, 2, 3}, x.unsqueeze(0).shape());
        assertArrayEquals(new int[]{2, 3}, x.unsqueeze(0).squeeze(0).shape());
        assertArrayEquals(new float[]{0, 1, 0, 0, 0, 0, 0, 1}, Ops.oneHot(Ops.tensor(new int[]{1, 3}), 4).toFloatArray());
        assertArrayEquals(new float[]{0, 1, 2, 0, 0, 3, 4, 0}, ops.pad(t(new float[]{1, 2, 3, 4}, 2, 2), new int[]{0, 0, 1, 1}).toFloatArray());
        assertArrayEquals(new int[]{4, 2, 3}, ops.broadcastTo(x, new int[]{4, 2, 3}).shape());
    }

    @Test void creationOps() {
        assertArrayEquals(new long[]{0, 1, 2, 3}, Ops.arange(4).toLongArray());
        assertArrayEquals(new float[]{0, 0.5f, 1, 1.5f}, Ops.arange(0, 2, 0.5).toFloatArray());
        assertArrayEquals(new long[]{2, 3, 4}, Ops.arange(2, 5).toLongArray());
        long from = 2, to = 5; // long bounds are whole numbers as well: int64, as torch.arange(2, 5)
        assertEquals(DType.INT64, Ops.arange(from, to).dtype());
        assertArrayEquals(new long[]{2, 3, 4}, Ops.arange(from, to).toLongArray());
        assertEquals(DType.INT64, Ops.arange(3L).dtype());
        assertArrayEquals(new long[]{0, 1, 2}, Ops.arange(3L).toLongArray());
        assertArrayEquals(new float[]{0.5f, 1.5f, 2.5f}, Ops.arange(0.5, 3.0).toFloatArray());
        assertArrayEquals(new float[]{1, 0, 0, 1}, Ops.eye(2).toFloatArray());
        assertArrayEquals(new float[]{7, 7}, Ops.full(7, 2).toFloatArray());
        Ops.manualSeed(42);
        float[] first = Ops.randn(1000).toFloatArray();
        Ops.manualSeed(42);
        assertArrayEquals(first, Ops.randn(1000).toFloatArray(), "same seed, same numbers");
        double mean = 0;
        for (float v : first) mean += v / first.length;
        assertEquals(0, mean, 0.15);
        float[] u = Ops.rand(1000).toFloatArray();
        for (float v : u) assertTrue(v >= 0 && v < 1);
    }

    @Test void mixingDtypesIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> t(new float[]{1}, 1).add(Ops.tensor(new int[]{1})));
        assertTrue(e.getMessage().contains("cast"), e.getMessage());
    }

    @Test void libtorchErrorsAreOneLineWithoutNativeFrames() {
        var e = assertThrows(IllegalArgumentException.class, () -> Ops.zeros(2, 3).matmul(Ops.zeros(4, 5)));
        assertEquals("torch: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)", e.getMessage());
        var c = assertThrows(IllegalArgumentException.class, () -> Ops.conv2d(Ops.zeros(1, 2, 5, 5), Ops.zeros(3, 1, 3, 3), null, 1, 0));
        assertFalse(c.getMessage().contains("frame #"), c.getMessage());
        assertTrue(c.getMessage().contains("expected input[1, 2, 5, 5] to have 1 channels"), c.getMessage());
    }

    @Test void toStringLooksLikePyTorch() {
        String s = t(new float[]{1, 2, 3, 4}, 2, 2).toString();
        assertEquals("tensor([[1.0000, 2.0000],\n        [3.0000, 4.0000]], shape=[2, 2], dtype=float32, device=cpu, backend=torch)", s);
        String big = Ops.zeros(100, 100).toString();
        assertTrue(big.contains("..."), big);
        assertTrue(big.length() < 1000, "summarised: " + big.length());
    }
}
