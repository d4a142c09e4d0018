package io.juxta.frameworks.nn;

import io.juxta.frameworks.Tensor;

/** Softmax along an axis (default the last). */
public final class Softmax extends Layer {
    private final int axis;

    private Softmax(int axis) { this.axis = axis; }

    public static Softmax of() { return new Softmax(-1); }

    public static Softmax of(int axis) { return new Softmax(axis); }

    @Override public Tensor forward(Tensor x) { return x.softmax(axis); }

    @Override protected String describe() { return "Softmax(axis=" + axis + ")"; }
}
