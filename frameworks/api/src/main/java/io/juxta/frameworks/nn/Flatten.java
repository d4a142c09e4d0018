package io.juxta.frameworks.nn;

import io.juxta.frameworks.Tensor;

/** Flattens every axis after the batch axis: [N, C, H, W] to [N, C*H*W]. */
public final class Flatten extends Layer {
    public static Flatten of() { return new Flatten(); }

    @Override public Tensor forward(Tensor x) { return x.flatten(1); }
}
