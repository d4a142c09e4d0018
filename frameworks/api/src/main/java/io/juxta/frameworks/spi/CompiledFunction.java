package io.juxta.frameworks.spi;

import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.HostBatch;

import java.util.Map;

/** A compiled {@link InferenceFunction}: host batch in, host arrays out, in its own memory scope. Closing it is as for {@link TrainStep#close}. */
@FunctionalInterface
public interface CompiledFunction extends AutoCloseable {
    Map<String, HostArray> run(HostBatch batch);

    /** Frees the function's native resources (a staged backend's graph); it cannot run afterwards. Idempotent. */
    @Override default void close() {}
}
