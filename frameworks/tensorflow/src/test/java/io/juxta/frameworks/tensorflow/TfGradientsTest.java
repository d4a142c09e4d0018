package io.juxta.frameworks.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.frameworks.Backend;
import io.juxta.frameworks.Backends;
import io.juxta.frameworks.Batch;
import io.juxta.frameworks.DType;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.HostBatch;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.Variable;
import io.juxta.frameworks.nn.Loss;
import io.juxta.frameworks.spi.GradientResult;
import io.juxta.frameworks.spi.ScalarFunction;
import io.juxta.frameworks.spi.TensorOps;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Staged gradients ({@link Backend#gradients}) of the portable ops, in float64, against central finite
 * differences of the same function run eagerly.
 */
class TfGradientsTest {
    static Backend tf;
    static TensorOps ops;

    @BeforeAll static void select() {
        Backends.use("tf");
        tf = Backends.current();
        ops = tf.ops();
    }

    static double[] random(long seed, int n) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        return v;
    }

    /** Values spaced 0.1 apart, shuffled: max and relu keep their choices under the perturbation. */
    static double[] distinct(long seed, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = (i - n / 2 + 0.5) * 0.1;
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) { int j = r.nextInt(i + 1); double t = v[i]; v[i] = v[j]; v[j] = t; }
        return v;
    }

    /** Checks d/dx of sum(f(x, w) * R) for inputs x and w, R a fixed random weighting. */
    static void check(BiFunction<Tensor, Tensor, Tensor> f, double[] x, int[] xShape, double[] w, int[] wShape) {
        Map<String, HostArray> entries = new LinkedHashMap<>();
        entries.put("x", HostArray.of(x.clone(), xShape));
        if (w != null) entries.put("w", HostArray.of(w.clone(), wShape));
        HostBatch at = HostBatch.of(entries);
        // the output size comes from an eager run: inside the trace the batch dimension is unknown (-1)
        Map<String, Tensor> eagerIn = new LinkedHashMap<>();
        at.entries().forEach((k, v) -> eagerIn.put(k, ops.fromHost(v)));
        int outSize = (int) f.apply(eagerIn.get("x"), eagerIn.get("w")).size();
        HostArray weighting = HostArray.of(random(77, outSize), outSize);
        ScalarFunction fn = b -> f.apply(b.get("x"), b.has("w") ? b.get("w") : null).reshape(-1).mul(ops.fromHost(weighting)).sum();
        List<String> names = w == null ? List.of("x") : List.of("x", "w");
        GradientResult g = tf.gradients(fn, at, names, List.of());
        assertEquals(eager(fn, at), g.value(), 1e-9, "value");
        for (String name : names) {
            double[] base = at.get(name).toDoubleArray();
            double[] analytic = g.inputGradients().get(name).toDoubleArray();
            for (int i = 0; i < base.length; i++) {
                double keep = base[i], h = 1e-6;
                base[i] = keep + h;
                double plus = eager(fn, at);
                base[i] = keep - h;
                double minus = eager(fn, at);
                base[i] = keep;
                double numeric = (plus - minus) / (2 * h);
                assertEquals(numeric, analytic[i], 1e-5 * Math.max(1, Math.abs(numeric)), name + "[" + i + "]");
            }
        }
    }

    static double eager(ScalarFunction fn, HostBatch at) {
        Map<String, Tensor> entries = new LinkedHashMap<>();
        at.entries().forEach((k, v) -> entries.put(k, ops.fromHost(v)));
        return fn.apply(new Batch(entries)).item();
    }

    static int[] s(int... d) { return d; }

    @Test void matmulPlainBatchedAndVector() {
        check(Tensor::matmul, random(1, 6), s(2, 3), random(2, 12), s(3, 4));
        check(Tensor::matmul, random(3, 12), s(2, 2, 3), random(4, 6), s(3, 2));
        check(Tensor::matmul, random(5, 3), s(3), random(6, 6), s(3, 2));
        check((x, w) -> x.matmul(w.t()), random(31, 6), s(2, 3), random(32, 12), s(4, 3));    // folded into MatMul(transpose_b)
        check((x, w) -> x.t().matmul(w.t()), random(33, 6), s(3, 2), random(34, 12), s(4, 3));
    }

    @Test void elementwiseAndBroadcasting() {
        check((x, w) -> x.mul(w).add(x.div(w.square().add(1))), random(7, 6), s(2, 3), random(8, 3), s(3));
        check((x, w) -> ops.where(x.gt(0), x.square(), x.neg()).add(ops.maximum(x, w)), distinct(9, 6), s(2, 3), java.util.Arrays.stream(distinct(10, 6)).map(v -> v + 0.05).toArray(), s(2, 3));
        check((x, w) -> x.tanh().add(x.sigmoid()).add(ops.erf(x)).add(x.exp().sqrt()), random(11, 5), s(5), null, null);
        check((x, w) -> x.square().add(1).pow(1.5).add(x.abs().add(1).log()), random(12, 5), s(5), null, null);
        check((x, w) -> ops.clamp(x, -0.2, 0.2).add(ops.broadcastTo(x.sum(0, true), s(2, 3))), distinct(13, 6), s(2, 3), null, null);
    }

    @Test void reductionsAndSoftmaxFamily() {
        check((x, w) -> x.softmax(0).add(x.logSoftmax(1)), random(14, 6), s(2, 3), null, null);
        check((x, w) -> ops.logSumExp(x, s(1), false).add(x.mean(1)).add(x.max(1)), distinct(15, 6), s(2, 3), null, null);
        check((x, w) -> ops.prod(x, s(0), false), random(16, 6), s(2, 3), null, null);
    }

    @Test void shapeOps() {
        check((x, w) -> ops.concat(List.of(x.permute(1, 0), w), 0), random(17, 6), s(2, 3), random(18, 2), s(1, 2));
        check((x, w) -> ops.stack(List.of(x, w), 1).reshape(-1), random(19, 4), s(4), random(20, 4), s(4));
        check((x, w) -> ops.slice(x, 1, 1, 3, 1).unsqueeze(0).squeeze(0), random(21, 8), s(2, 4), null, null);
        check((x, w) -> ops.pad(x, s(1, 0, 0, 2)).flatten(0), random(22, 6), s(2, 3), null, null);
        check((x, w) -> x.gather(ops.fromHost(HostArray.of(new long[] {2, 0, 2})), 1), random(23, 6), s(2, 3), null, null);
    }

    @Test void convolutionAndPoolingNchw() {
        check((x, w) -> ops.conv2d(x, w, null, s(1, 1), s(1, 1), s(1, 1)), random(24, 2 * 2 * 4 * 4), s(2, 2, 4, 4), random(25, 3 * 2 * 3 * 3), s(3, 2, 3, 3));
        check((x, w) -> ops.conv2d(x, w, null, s(2, 2), s(0, 0), s(2, 2)), random(26, 1 * 1 * 6 * 6), s(1, 1, 6, 6), random(27, 2 * 1 * 2 * 2), s(2, 1, 2, 2));
        check((x, w) -> ops.maxPool2d(x, s(2, 2), s(2, 2), s(0, 0)), distinct(28, 2 * 16), s(1, 2, 4, 4), null, null);
        check((x, w) -> ops.avgPool2d(x, s(3, 3), s(1, 1), s(1, 1)), random(29, 16), s(1, 1, 4, 4), null, null);
        // a conv, relu, pool, conv, pool chain
        check((x, w) -> ops.avgPool2d(ops.conv2d(ops.maxPool2d(ops.relu(ops.conv2d(x, w, null, s(1, 1), s(1, 1), s(1, 1))), s(2, 2), s(2, 2), s(0, 0)),
                        w.permute(1, 0, 2, 3), null, s(1, 1), s(0, 0), s(1, 1)), s(1, 1), s(1, 1), s(0, 0)).add(x.mean()),
                distinct(35, 2 * 2 * 6 * 6), s(2, 2, 6, 6), random(36, 3 * 2 * 3 * 3), s(3, 2, 3, 3));
    }

    @Test void repeatedCallsWithTheSameFunctionTraceOnce() {
        ScalarFunction f = b -> b.x().square().sum();
        HostBatch at = HostBatch.of(HostArray.of(new float[] {1, 2, 3}, 3), null);
        tf.gradients(f, at, List.of("x"), List.of());
        Map<StagedGraph, Long> before = graphSizes();
        for (int i = 0; i < 5; i++) {
            HostBatch other = HostBatch.of(HostArray.of(new float[] {i, 1, 2}, 3), null);
            assertEquals(2.0 * i, tf.gradients(f, other, List.of("x"), List.of()).inputGradients().get("x").get(0), 1e-6);
        }
        // graphs of other tests' programs may be freed meanwhile; none may appear or grow
        graphSizes().forEach((g, n) -> assertEquals(before.get(g), n, "no new graph or graph nodes for a repeated call"));
    }

    /** Node count of every open graph of the backend. */
    static Map<StagedGraph, Long> graphSizes() {
        Map<StagedGraph, Long> sizes = new java.util.IdentityHashMap<>();
        for (StagedGraph g : ((TfBackend) tf).openGraphs()) {
            long n = 0;
            for (var it = g.graph().operations(); it.hasNext(); it.next()) n++;
            sizes.put(g, n);
        }
        return sizes;
    }

    @Test void crossEntropyLossAndVariables() {
        long[] labels = {2, 0};
        check((x, w) -> Loss.crossEntropy().compute(x, ops.fromHost(HostArray.of(labels))), random(30, 6), s(2, 3), null, null);
        Variable v = Variable.trainable("gradtest.w", HostArray.of(new float[] {0.5f, -1f, 2f}, 3));
        Variable unused = Variable.trainable("gradtest.unused", HostArray.of(new float[] {1f}, 1));
        GradientResult g = tf.gradients(b -> b.x().mul(v.value()).square().sum(), HostBatch.of(HostArray.of(new float[] {1f, 2f, 3f}, 3), null),
                List.of(), List.of(v, unused));
        double[] want = {2 * 0.5 * 1, 2 * -1 * 4, 2 * 2 * 9};   // d/dv (x v)^2 = 2 v x^2
        double[] got = g.variableGradients().get(0).toDoubleArray();
        for (int i = 0; i < 3; i++) assertEquals(want[i], got[i], 1e-5);
        assertEquals(0.0, g.variableGradients().get(1).get(0), "unused variable: zero gradient");
        assertTrue(g.value() > 0);
        assertEquals(DType.FLOAT32, g.variableGradients().get(0).dtype());
    }
}
