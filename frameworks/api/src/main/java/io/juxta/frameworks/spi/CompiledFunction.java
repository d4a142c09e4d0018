package io.juxta.frameworks.spi;

import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.HostBatch;

import java.util.Map;

/** A compiled {@link InferenceFunction}: host batch in, host arrays out, in its own memory scope. */
@FunctionalInterface
public interface CompiledFunction {
    Map<String, HostArray> run(HostBatch batch);
}
