package io.juxta.frameworks.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.EagerSession;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Forward values of NCHW convolution and pooling, run eagerly, against plain-Java references. */
class NnOpsTest {
    static EagerSession session;
    static Ops tf;

    @BeforeAll static void open() {
        session = EagerSession.create();
        tf = Ops.create(session);
    }

    @AfterAll static void close() { session.close(); }

    static Operand<TFloat32> c(float[] v, long... shape) { return tf.constant(Shape.of(shape), DataBuffers.of(v, true, false)); }

    static float[] eval(Operand<TFloat32> x) { return HostTensors.toFloats(x.asTensor()); }

    static void assertClose(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], 1e-4 * Math.max(1, Math.abs(expected[i])), "element " + i);
    }

    @Test void conv2dMatchesReferenceWithPaddingStrideDilation() {
        int n = 2, ch = 3, h = 7, w = 6, o = 4, k = 3;
        float[] x = Reference.random(4, n * ch * h * w), wt = Reference.random(5, o * ch * k * k), b = Reference.random(6, o);
        for (int[] cfg : new int[][] {{1, 0, 1}, {2, 1, 1}, {1, 2, 2}}) {
            float[] expected = Reference.conv2d(x, wt, b, n, ch, h, w, o, k, k, cfg[0], cfg[1], cfg[2]);
            Operand<TFloat32> y = NnOps.conv2d(tf, c(x, n, ch, h, w), c(wt, o, ch, k, k), c(b, o),
                    new int[] {cfg[0], cfg[0]}, new int[] {cfg[1], cfg[1]}, new int[] {cfg[2], cfg[2]}, 1);
            assertClose(expected, eval(y));
        }
    }

    @Test void groupedConvolutionIsExplicitlyUnsupported() {
        var e = assertThrows(UnsupportedOperationException.class, () -> NnOps.conv2d(tf, c(new float[16], 1, 4, 2, 2),
                c(new float[8], 2, 2, 1, 2), null, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 2));
        assertEquals(true, e.getMessage().contains("groups=2"));
    }

    @Test void poolingMatchesReference() {
        int n = 2, ch = 3, h = 7, w = 6;
        float[] x = Reference.random(7, n * ch * h * w);
        for (int[] cfg : new int[][] {{2, 2, 0}, {3, 2, 1}, {3, 1, 1}}) {
            int[] k = {cfg[0], cfg[0]}, s = {cfg[1], cfg[1]}, p = {cfg[2], cfg[2]};
            assertClose(Reference.pool2d(x, n, ch, h, w, cfg[0], cfg[1], cfg[2], true), eval(NnOps.maxPool2d(tf, c(x, n, ch, h, w), k, s, p)));
            assertClose(Reference.pool2d(x, n, ch, h, w, cfg[0], cfg[1], cfg[2], false), eval(NnOps.avgPool2d(tf, c(x, n, ch, h, w), k, s, p)));
        }
    }


}
