package io.juxta.frameworks.spi;

import io.juxta.frameworks.Batch;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.Variable;

import java.util.List;

/**
 * The backward half of a training step, written over ops: given the gradients (same order as the variables) it
 * assigns new values with {@link Variable#assign}. torch calls it eagerly under no-grad; TF traces it once into
 * the step's graph. {@code batch} carries per-step scalars such as the learning rate.
 */
@FunctionalInterface
public interface UpdateRule {
    void apply(List<Variable> variables, List<Tensor> gradients, Batch batch);
}
