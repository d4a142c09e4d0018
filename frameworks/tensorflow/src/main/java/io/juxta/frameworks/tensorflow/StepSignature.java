package io.juxta.frameworks.tensorflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tensorflow.Tensor;
import org.tensorflow.types.family.TType;

/** Data types and exact shapes of a step's inputs: one traced graph exists per distinct signature. */
public record StepSignature(List<Input> inputs) {

    public record Input(Class<? extends TType> type, long[] shape) {
        @Override public boolean equals(Object o) {
            return o instanceof Input in && in.type == type && Arrays.equals(in.shape, shape);
        }

        @Override public int hashCode() { return type.hashCode() * 31 + Arrays.hashCode(shape); }

        @Override public String toString() { return type.getSimpleName() + Arrays.toString(shape); }
    }

    public StepSignature {
        inputs = List.copyOf(inputs);
    }

    @SuppressWarnings("unchecked")
    public static StepSignature of(List<? extends Tensor> tensors) {
        List<Input> in = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) in.add(new Input((Class<? extends TType>) ((TType) t).type(), t.shape().asArray()));
        return new StepSignature(in);
    }
}
