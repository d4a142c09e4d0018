package io.juxta.frameworks.tensorflow;

import org.tensorflow.Operand;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TType;

/**
 * A variable of a {@link StagedGraph} (a weight, or optimizer and layer state). Traced code uses {@link #value()};
 * the variable itself is written only by assign ops and host loads.
 */
final class StagedVariable {
    private final String name;
    private final Variable<? extends TType> variable;
    private final Operand<? extends TType> value;
    private final Placeholder<? extends TType> hostValue;
    private final Assign<? extends TType> load;
    private final long[] shape;

    StagedVariable(String name, Variable<? extends TType> variable, Operand<? extends TType> value, Placeholder<? extends TType> hostValue,
                    Assign<? extends TType> load, long[] shape) {
        this.name = name;
        this.variable = variable;
        this.value = value;
        this.hostValue = hostValue;
        this.load = load;
        this.shape = shape;
    }

    public String name() { return name; }

    /** The variable as read by traced code; gradients are taken with respect to this read. */
    @SuppressWarnings("unchecked")
    public <T extends TType> Operand<T> value() { return (Operand<T>) value; }

    public Class<? extends TType> type() { return variable.type(); }

    public long[] shape() { return shape.clone(); }

    @SuppressWarnings("unchecked")
    <T extends TType> Variable<T> variable() { return (Variable<T>) variable; }

    Placeholder<? extends TType> hostValue() { return hostValue; }

    Assign<? extends TType> load() { return load; }

    @Override public String toString() { return "StagedVariable[" + name + " " + java.util.Arrays.toString(shape) + "]"; }
}
