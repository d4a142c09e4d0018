package io.juxta.frameworks.torch;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Ops;
import io.juxta.frameworks.Rng;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.spi.TensorOps;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The composite defaults of {@link TensorOps} (what a backend without a fused kernel gets) against torch's fused
 * overrides: a proxy runs each default method but sends every primitive op to torch.
 */
class CompositeDefaultsTest {
    static TensorOps torchOps, defaults;

    @BeforeAll static void select() {
        Backends.use("torch");
        torchOps = Backends.current().ops();
        InvocationHandler h = (proxy, method, args) -> method.isDefault()
                ? InvocationHandler.invokeDefault(proxy, method, args) : method.invoke(torchOps, args);
        defaults = (TensorOps) Proxy.newProxyInstance(TensorOps.class.getClassLoader(), new Class<?>[]{TensorOps.class}, h);
    }

    @Test void everyOverriddenDefaultMatchesItsComposite() throws Exception {
        Rng.seed(1);
        Tensor x = Ops.tensor(Rng.uniform(0.1, 2, 4, 5));
        Tensor labels = Ops.tensor(HostArray.of(new int[]{0, 4, 2, 1}));
        int checked = 0;
        for (Method m : TensorOps.class.getMethods()) {
            if (!m.isDefault() || TorchOps.class.getMethod(m.getName(), m.getParameterTypes()).getDeclaringClass() != TorchOps.class) continue;
            Object[] args = switch (m.getName()) {
                case "log1p", "rsqrt", "square", "zerosLike", "onesLike" -> new Object[]{x};
                case "clamp" -> new Object[]{x, 0.5, 1.5};
                case "transpose" -> new Object[]{x, 0, 1};
                case "crossEntropy" -> new Object[]{x, labels};
                default -> throw new AssertionError("Add a case for the overridden default " + m);
            };
            float[] fused = ((Tensor) m.invoke(torchOps, args)).toFloatArray();
            float[] composite = ((Tensor) m.invoke(defaults, args)).toFloatArray();
            assertTrue(Reference.maxAbsDiff(fused, composite) < 1e-5, m.getName());
            checked++;
        }
        assertTrue(checked >= 4, "log1p, rsqrt, square, crossEntropy at least; checked " + checked);
    }
}
