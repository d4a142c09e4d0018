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

    /**
     * Refuses a step whose loss reaches none of the variables it trains (every gradient null): it would train nothing,
     * silently. Backends call it with the gradients they computed, so each says the same.
     */
    static void requireSomeGradient(java.util.List<?> gradients) {
        if (!gradients.isEmpty() && gradients.stream().allMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("The loss does not depend on any variable this step trains (no gradient can "
                    + "reach them, so it would train nothing): check that the step uses this model's output, with no detach()");
        }
    }
}
