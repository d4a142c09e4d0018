package io.juxta.frameworks.torch;

import io.juxta.frameworks.Backend;
import io.juxta.frameworks.spi.BackendProvider;

import java.util.Set;

/** Registers the torch backend; touches no native code until {@link #create()}. */
public final class TorchBackendProvider implements BackendProvider {
    @Override public String name() { return "torch"; }

    @Override public Set<String> aliases() { return Set.of("pytorch", "libtorch"); }

    @Override public Backend create() {
        TorchNatives.load();
        return new TorchBackend();
    }
}
