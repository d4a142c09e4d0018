package io.juxta.frameworks.nn;

/** Element-wise ReLU. */
public final class ReLU extends Activation {
    private ReLU() { super("ReLU", x -> x.relu()); }

    public static ReLU of() { return new ReLU(); }
}
