package io.juxta.toolkit;

import io.juxta.frameworks.Backend;
import io.juxta.frameworks.DType;
import io.juxta.frameworks.Device;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Tensor;
import java.lang.reflect.Proxy;

/** A tensor held in a host array, for unit tests of code that only reads tensors; its backend only has a name. */
public final class HostTensor implements Tensor {
    private final HostArray values;
    private final Backend backend;

    public HostTensor(HostArray values, String backendName) {
        this.values = values;
        this.backend = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> backendName;
                    case "toString" -> "HostBackend(" + backendName + ")";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("a host tensor's backend cannot " + method.getName());
                });
    }

    public static HostTensor of(float[] data, int... shape) {
        return new HostTensor(HostArray.of(data, shape), "host");
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public int[] shape() {
        return values.shape();
    }

    @Override
    public DType dtype() {
        return values.dtype();
    }

    @Override
    public Device device() {
        return Device.CPU;
    }

    @Override
    public boolean isSymbolic() {
        return false;
    }

    @Override
    public HostArray toHost() {
        return values;
    }
}
