package io.juxta.frameworks.tensorflow;

import org.tensorflow.Operand;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A trainable weight of a {@link StagedGraph}. Traced code uses {@link #value()}; the variable itself is
 * written only by optimizer updates and host loads.
 */
public final class StagedParameter {
    private final String name;
    private final Variable<TFloat32> variable;
    private final Operand<TFloat32> value;
    private final Placeholder<TFloat32> hostValue;
    private final Assign<TFloat32> load;
    private final long[] shape;

    StagedParameter(String name, Variable<TFloat32> variable, Operand<TFloat32> value, Placeholder<TFloat32> hostValue,
                    Assign<TFloat32> load, long[] shape) {
        this.name = name;
        this.variable = variable;
        this.value = value;
        this.hostValue = hostValue;
        this.load = load;
        this.shape = shape;
    }

    public String name() { return name; }

    /** The weight as read by traced code; gradients are taken with respect to this read. */
    public Operand<TFloat32> value() { return value; }

    public long[] shape() { return shape.clone(); }

    Variable<TFloat32> variable() { return variable; }

    Placeholder<TFloat32> hostValue() { return hostValue; }

    Assign<TFloat32> load() { return load; }

    @Override public String toString() { return "StagedParameter[" + name + " " + java.util.Arrays.toString(shape) + "]"; }
}
