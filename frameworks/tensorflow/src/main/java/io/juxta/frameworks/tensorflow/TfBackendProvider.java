package io.juxta.frameworks.tensorflow;

import io.juxta.frameworks.Backend;
import io.juxta.frameworks.spi.BackendProvider;

import java.util.Set;

/** Registers the TensorFlow backend as {@code tf}; loads no natives until {@link #create()}. */
public final class TfBackendProvider implements BackendProvider {
    @Override public String name() { return "tf"; }

    @Override public Set<String> aliases() { return Set.of("tensorflow"); }

    @Override public Backend create() { return new TfBackend(); }
}
