package io.juxta.frameworks.spi;

import io.juxta.frameworks.Batch;

/** The forward half of a training step: a batch in, a scalar loss (and optional metric tensors) out. */
@FunctionalInterface
public interface Objective {
    StepOutput compute(Batch batch);
}
