package io.juxta.frameworks.spi;

import io.juxta.frameworks.Batch;
import io.juxta.frameworks.Tensor;

import java.util.Map;

/** A batch in, named tensors out; run without gradients. */
@FunctionalInterface
public interface InferenceFunction {
    Map<String, Tensor> apply(Batch batch);
}
