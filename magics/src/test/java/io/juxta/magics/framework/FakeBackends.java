package io.juxta.magics.framework;

import io.juxta.frameworks.Backend;
import io.juxta.frameworks.Backends;
import io.juxta.frameworks.Capability;
import io.juxta.frameworks.Device;
import io.juxta.frameworks.UnsupportedFeatureException;
import io.juxta.frameworks.spi.BackendProvider;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Two CPU-only backends, "alpha" and "beta", that only have a name, a version, a device and a seed: enough for the
 * framework magics, which select, seed and describe backends but never compute with them. Seeding one sets the
 * system property {@code juxta.test.backend} to its name, so cell code in a test can tell which backend it runs on.
 */
final class FakeBackends {
    static final Map<String, Long> SEEDS = new ConcurrentHashMap<>();
    static final Map<String, Device> DEVICES = new ConcurrentHashMap<>();
    private static boolean registered;

    private FakeBackends() {}

    static synchronized void register() {
        if (registered) {
            return;
        }
        registered = true;
        for (String name : new String[] {"alpha", "beta"}) {
            Backend backend = backend(name);
            Backends.register(new BackendProvider() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public Set<String> aliases() {
                    return Set.of();
                }

                @Override
                public Backend create() {
                    return backend;
                }
            });
        }
    }

    private static Backend backend(String name) {
        DEVICES.put(name, Device.CPU);
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> name;
                    case "version" -> name + " 1.0 (1 thread)";
                    case "supports" -> args[0] != Capability.GPU && args[0] != Capability.RANDOM_PARITY;
                    case "device" -> DEVICES.get(name);
                    case "isAvailable" -> ((Device) args[0]).kind() == Device.Kind.CPU;
                    case "useDevice" -> {
                        if (((Device) args[0]).kind() != Device.Kind.CPU) {
                            throw new UnsupportedFeatureException(Capability.GPU, name, name + " has no GPU natives");
                        }
                        DEVICES.put(name, (Device) args[0]);
                        yield null;
                    }
                    case "manualSeed" -> {
                        SEEDS.put(name, (Long) args[0]);
                        System.setProperty("juxta.test.backend", name);
                        yield null;
                    }
                    case "toString" -> "FakeBackend(" + name + ")";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(name + " is a fake backend without " + method.getName());
                });
    }
}
