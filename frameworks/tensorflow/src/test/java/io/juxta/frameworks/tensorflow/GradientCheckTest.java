package io.juxta.frameworks.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Raw graph gradients (TensorFlow's C++ registry plus {@link MissingGradients}) of the NCHW kernels and the
 * sparse cross entropy against central finite differences, in float32.
 */
class GradientCheckTest {
    static final float EPS = 1e-2f;

    /** Checks d(sum(f(inputs) * R))/d(input) for every element of every input, R a fixed random weighting. */
    static void check(BiFunction<Ops, List<Operand<TFloat32>>, Operand<TFloat32>> f, float[][] values, long[][] shapes) {
        MissingGradients.register();
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            List<Placeholder<TFloat32>> xs = new ArrayList<>();
            for (long[] shape : shapes) xs.add(tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape))));
            Operand<TFloat32> out = f.apply(tf, List.copyOf(xs));
            int n = (int) out.shape().size();
            float[] weights = Reference.random(99, n);
            Operand<TFloat32> weighted = tf.math.mul(tf.reshape(out, tf.constant(new long[] {-1})), tf.constant(weights));
            Operand<TFloat32> y = tf.sum(weighted, tf.constant(0));
            Output<?>[] grads = g.addGradients(y.asOutput(), xs.stream().map(Placeholder::asOutput).toArray(Output<?>[]::new));
            float[][] analytic = new float[xs.size()][];
            Session.Runner r = feed(s.runner(), xs, values, shapes);
            for (Output<?> gr : grads) r.fetch(gr);
            try (Result res = r.run()) {
                for (int i = 0; i < grads.length; i++) analytic[i] = HostTensors.toFloats(res.get(i));
            }
            for (int i = 0; i < values.length; i++) {
                for (int j = 0; j < values[i].length; j++) {
                    float keep = values[i][j];
                    values[i][j] = keep + EPS;
                    double plus = scalar(s, xs, values, shapes, y);
                    values[i][j] = keep - EPS;
                    double minus = scalar(s, xs, values, shapes, y);
                    values[i][j] = keep;
                    double numeric = (plus - minus) / (2 * EPS);
                    assertEquals(numeric, analytic[i][j], 1e-2 * Math.max(1, Math.abs(numeric)), "input " + i + " element " + j);
                }
            }
        }
    }

    private static Session.Runner feed(Session.Runner r, List<Placeholder<TFloat32>> xs, float[][] values, long[][] shapes) {
        for (int i = 0; i < xs.size(); i++) r.feed(xs.get(i), HostTensors.floats(values[i], shapes[i]));
        return r;
    }

    private static double scalar(Session s, List<Placeholder<TFloat32>> xs, float[][] values, long[][] shapes, Operand<TFloat32> y) {
        List<TFloat32> fed = new ArrayList<>();
        Session.Runner r = s.runner();
        for (int i = 0; i < xs.size(); i++) {
            TFloat32 t = HostTensors.floats(values[i], shapes[i]);
            fed.add(t);
            r.feed(xs.get(i), t);
        }
        try (Result res = r.fetch(y).run()) {
            return ((TFloat32) res.get(0)).getFloat();
        } finally {
            fed.forEach(TFloat32::close);
        }
    }

    /** Distinct values spaced wider than 2 * EPS, shuffled: max pooling keeps its argmax under the perturbation. */
    static float[] distinct(long seed, int n) {
        List<Float> v = new ArrayList<>();
        for (int i = 0; i < n; i++) v.add((i - n / 2) * 0.05f);
        java.util.Collections.shuffle(v, new Random(seed));
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = v.get(i);
        return out;
    }

    @Test void sparseCrossEntropyCustomGradient() {
        long[] labels = {2, 0, 1};
        check((tf, in) -> tf.nn.sparseSoftmaxCrossEntropyWithLogits(in.get(0), tf.constant(labels)).loss(),
                new float[][] {Reference.random(1, 12)}, new long[][] {{3, 4}});
    }

    @Test void conv2dWithPaddingAndStride() {
        check((tf, in) -> NnOps.conv2d(tf, in.get(0), in.get(1), in.get(2), new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, 1),
                new float[][] {Reference.random(5, 2 * 2 * 5 * 5), Reference.random(6, 3 * 2 * 3 * 3), Reference.random(7, 3)},
                new long[][] {{2, 2, 5, 5}, {3, 2, 3, 3}, {3}});
    }

    @Test void maxPoolWithPadding() {
        check((tf, in) -> NnOps.maxPool2d(tf, in.get(0), new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}),
                new float[][] {distinct(8, 2 * 2 * 5 * 5)}, new long[][] {{2, 2, 5, 5}});
    }

    @Test void avgPoolWithPadding() {
        check((tf, in) -> NnOps.avgPool2d(tf, in.get(0), new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}),
                new float[][] {Reference.random(9, 18)}, new long[][] {{1, 2, 3, 3}});
    }

    @Test void squareTanhSigmoid() {
        check((tf, in) -> tf.math.mul(tf.math.square(tf.math.tanh(in.get(0))), tf.math.sigmoid(in.get(0))),
                new float[][] {Reference.random(12, 5)}, new long[][] {{5}});
    }
}
