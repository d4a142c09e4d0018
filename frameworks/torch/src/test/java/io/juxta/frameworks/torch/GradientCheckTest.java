package io.juxta.frameworks.torch;

import io.juxta.frameworks.Backend;
import io.juxta.frameworks.Backends;
import io.juxta.frameworks.DType;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.HostBatch;
import io.juxta.frameworks.Rng;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.Variable;
import io.juxta.frameworks.nn.Conv2d;
import io.juxta.frameworks.nn.Flatten;
import io.juxta.frameworks.nn.GELU;
import io.juxta.frameworks.nn.Linear;
import io.juxta.frameworks.nn.Loss;
import io.juxta.frameworks.nn.MaxPool2d;
import io.juxta.frameworks.nn.Sequential;
import io.juxta.frameworks.nn.Tanh;
import io.juxta.frameworks.spi.GradientResult;
import io.juxta.frameworks.spi.ScalarFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Backend gradients against central finite differences, in float64 so the differences are exact enough. */
class GradientCheckTest {
    static Backend backend;

    @BeforeAll static void select() {
        Backends.use("torch");
        backend = Backends.current();
    }

    static HostArray f64(long seed, int... shape) {
        float[] r = Reference.random(seed, (int) HostArray.sizeOf(shape));
        double[] d = new double[r.length];
        for (int i = 0; i < d.length; i++) d[i] = r[i];
        return HostArray.of(d, shape);
    }

    static Stream<Arguments> functions() {
        var ops = (java.util.function.Supplier<io.juxta.frameworks.spi.TensorOps>) () -> Backends.current().ops();
        return Stream.of(
                Arguments.of("tanh*sigmoid", (ScalarFunction) b -> b.x().tanh().mul(b.x().sigmoid()).sum(), f64(1, 3, 4)),
                Arguments.of("exp/log/sqrt", (ScalarFunction) b -> b.x().exp().add(1).log().sqrt().sum(), f64(2, 5)),
                Arguments.of("softmax", (ScalarFunction) b -> b.x().softmax(1).mul(b.x()).sum(), f64(3, 2, 5)),
                Arguments.of("logSumExp", (ScalarFunction) b -> b.x().logSumExp(0).sum(), f64(4, 4, 3)),
                Arguments.of("matmul", (ScalarFunction) b -> b.x().matmul(b.x().t()).square().mean(), f64(5, 3, 4)),
                Arguments.of("conv2d+pool", (ScalarFunction) b -> {
                    Tensor w = b.x().slice(0, 0, 1).slice(1, 0, 8).reshape(2, 1, 2, 2);
                    Tensor y = ops.get().conv2d(b.x().reshape(2, 1, 4, 4), w.mul(0.5), null, new int[]{1, 1}, new int[]{1, 1}, new int[]{1, 1});
                    Tensor p = ops.get().maxPool2d(y, new int[]{2, 2}, new int[]{2, 2}, new int[]{0, 0});
                    Tensor a = ops.get().avgPool2d(y, new int[]{2, 2}, new int[]{2, 2}, new int[]{0, 0});
                    return p.mul(a).sum();
                }, f64(6, 2, 16)),
                Arguments.of("gather/concat/slice/pad", (ScalarFunction) b -> {
                    Tensor g = b.x().gather(io.juxta.frameworks.Ops.tensor(new long[]{2, 0, 2}), 1);
                    Tensor c = io.juxta.frameworks.Ops.concat(List.of(g, b.x().slice(1, 1, 3)), 1);
                    return ops.get().pad(c, new int[]{1, 0, 0, 2}).square().sum();
                }, f64(7, 2, 3)),
                Arguments.of("where/clamp/maximum", (ScalarFunction) b -> io.juxta.frameworks.Ops.where(b.x().gt(b.x().mul(0).add(0.1)),
                        b.x().square(), b.x().clamp(-0.5, 0.5)).sum(), f64(8, 7)),
                Arguments.of("gelu", (ScalarFunction) b -> GELU.of().forward(b.x()).sum(), f64(9, 6)),
                Arguments.of("crossEntropy", (ScalarFunction) b -> Loss.crossEntropy().compute(b.x(), io.juxta.frameworks.Ops.tensor(new int[]{2, 0, 1})), f64(10, 3, 4)),
                Arguments.of("bce", (ScalarFunction) b -> Loss.bce().compute(b.x().sigmoid(), io.juxta.frameworks.Ops.tensor(new double[]{1, 0, 1, 0})), f64(11, 4)),
                Arguments.of("bceWithLogits", (ScalarFunction) b -> Loss.bceWithLogits().compute(b.x(), io.juxta.frameworks.Ops.tensor(new double[]{1, 0, 1, 0})), f64(12, 4)),
                Arguments.of("mse", (ScalarFunction) b -> Loss.mse().compute(b.x(), io.juxta.frameworks.Ops.tensor(new double[]{1, 2, 3, 4})), f64(13, 4)),
                Arguments.of("huber", (ScalarFunction) b -> Loss.huber(0.7).compute(b.x().mul(2), io.juxta.frameworks.Ops.tensor(new double[]{1, -1, 0.2, 0})), f64(14, 4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void inputGradientMatchesFiniteDifferences(String name, ScalarFunction f, HostArray x) {
        GradientResult r = backend.gradients(f, HostBatch.of("x", x), List.of("x"), List.of());
        double[] analytic = r.inputGradients().get("x").toDoubleArray();
        var eval = backend.compileFunction(b -> Map.of("v", f.apply(b)));
        double h = 1e-6;
        for (int i = 0; i < x.size(); i++) {
            HostArray plus = x.copy(), minus = x.copy();
            plus.set(i, x.get(i) + h);
            minus.set(i, x.get(i) - h);
            double numeric = (eval.run(HostBatch.of("x", plus)).get("v").get(0) - eval.run(HostBatch.of("x", minus)).get("v").get(0)) / (2 * h);
            assertEquals(numeric, analytic[i], 1e-5 * Math.max(1, Math.abs(numeric)), name + " element " + i);
        }
        assertEquals(eval.run(HostBatch.of("x", x)).get("v").get(0), r.value(), 1e-12);
    }

    @Test void layerParameterGradientsMatchFiniteDifferences() {
        Rng.seed(3);
        var model = Sequential.of(Conv2d.of(1, 2, 3).padding(1), Tanh.of(), MaxPool2d.of(2), Flatten.of(), Linear.of(2 * 2 * 2, 3));
        HostArray x = Rng.normal(0, 1, 4, 1, 4, 4);
        HostArray y = HostArray.of(new int[]{0, 2, 1, 2});
        ScalarFunction loss = b -> Loss.crossEntropy().compute(model.forward(b.x()), b.y());
        List<Variable> params = model.parameters();
        GradientResult r = backend.gradients(loss, HostBatch.of(x, y), List.of(), params);
        var eval = backend.compileFunction(b -> Map.of("v", loss.apply(b)));
        double h = 1e-2;   // float32 weights: a larger step, a looser tolerance
        int checked = 0;
        for (int p = 0; p < params.size(); p++) {
            Variable v = params.get(p);
            HostArray base = v.toHost();
            for (int i = 0; i < base.size(); i += 3) {
                HostArray plus = base.copy(), minus = base.copy();
                plus.set(i, base.get(i) + h);
                minus.set(i, base.get(i) - h);
                v.load(plus);
                double fp = eval.run(HostBatch.of(x, y)).get("v").get(0);
                v.load(minus);
                double fm = eval.run(HostBatch.of(x, y)).get("v").get(0);
                v.load(base);
                double numeric = (fp - fm) / (2 * h);
                assertEquals(numeric, r.variableGradients().get(p).get(i), 2e-3 + 2e-2 * Math.abs(numeric), v.name() + "[" + i + "]");
                checked++;
            }
        }
        assertTrue(checked > 10);
    }

    @Test void unusedVariableGetsZeroGradientAndConstantLossIsAClearError() {
        Variable used = Variable.trainable("used", HostArray.of(new float[]{2f}, 1));
        Variable unused = Variable.trainable("unused", HostArray.of(new float[]{5f}, 1));
        GradientResult r = backend.gradients(b -> used.value().square().sum(), HostBatch.of("x", HostArray.scalar(0)), List.of(), List.of(used, unused));
        assertEquals(4, r.variableGradients().get(0).get(0), 1e-6);
        assertEquals(0, r.variableGradients().get(1).get(0), 0);
        var e = assertThrows(IllegalArgumentException.class,
                () -> backend.gradients(b -> b.x().mul(0).sum(), HostBatch.of("x", HostArray.of(new float[]{1f}, 1)), List.of(), List.of(used)));
        assertTrue(e.getMessage().contains("does not depend"), e.getMessage());
    }
}
