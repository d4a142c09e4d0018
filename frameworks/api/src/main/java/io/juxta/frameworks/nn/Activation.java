package io.juxta.frameworks.nn;

import io.juxta.frameworks.Tensor;

import java.util.function.UnaryOperator;

/** A parameter-free element-wise layer; the concrete ones are {@link ReLU}, {@link Tanh}, {@link Sigmoid}, {@link GELU}. */
abstract class Activation extends Layer {
    private final String name;
    private final UnaryOperator<Tensor> function;

    Activation(String name, UnaryOperator<Tensor> function) {
        this.name = name;
        this.function = function;
    }

    @Override public Tensor forward(Tensor x) { return function.apply(x); }

    @Override protected String describe() { return name + "()"; }
}
