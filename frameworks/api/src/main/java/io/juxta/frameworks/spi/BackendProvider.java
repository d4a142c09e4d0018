package io.juxta.frameworks.spi;

import io.juxta.frameworks.Backend;

import java.util.Set;

/**
 * Registered in {@code META-INF/services/io.juxta.frameworks.spi.BackendProvider}. Must be cheap: creating the
 * provider must not touch native code; {@link #create()} may load natives.
 */
public interface BackendProvider {
    /** Canonical name, e.g. {@code torch} or {@code tf}. */
    String name();

    /** Other accepted names, e.g. {@code pytorch}, {@code tensorflow}. */
    Set<String> aliases();

    Backend create();
}
