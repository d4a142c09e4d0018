package io.juxta.frameworks.spi;

import io.juxta.frameworks.HostBatch;

/**
 * A compiled training step. Each call runs inside its own native memory scope. {@link #close} frees what the step
 * keeps between calls (a staged backend's graph and session, kept input tensors); an unreachable step is freed too,
 * later. {@code fit} closes its own step.
 */
@FunctionalInterface
public interface TrainStep extends AutoCloseable {
    StepResult run(HostBatch batch);

    /** Frees the step's native resources; do not run it afterwards (a staged step refuses). Variables keep their values. Idempotent. */
    @Override default void close() {}
}
