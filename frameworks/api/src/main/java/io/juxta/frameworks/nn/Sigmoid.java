package io.juxta.frameworks.nn;

/** Element-wise Sigmoid. */
public final class Sigmoid extends Activation {
    private Sigmoid() { super("Sigmoid", x -> x.sigmoid()); }

    public static Sigmoid of() { return new Sigmoid(); }
}
