package io.juxta.frameworks.spi;

import io.juxta.frameworks.Batch;
import io.juxta.frameworks.Tensor;

/** A batch in, one scalar tensor out: what {@link io.juxta.frameworks.Backend#gradients} differentiates. */
@FunctionalInterface
public interface ScalarFunction {
    Tensor apply(Batch batch);
}
