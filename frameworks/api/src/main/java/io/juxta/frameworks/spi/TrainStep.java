package io.juxta.frameworks.spi;

import io.juxta.frameworks.HostBatch;

/** A compiled training step. Each call runs inside its own native memory scope. */
@FunctionalInterface
public interface TrainStep {
    StepResult run(HostBatch batch);
}
