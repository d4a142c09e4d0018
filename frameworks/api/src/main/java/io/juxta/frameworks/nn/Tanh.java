package io.juxta.frameworks.nn;

/** Element-wise Tanh. */
public final class Tanh extends Activation {
    private Tanh() { super("Tanh", x -> x.tanh()); }

    public static Tanh of() { return new Tanh(); }
}
