package io.juxta.frameworks.nn;

import io.juxta.frameworks.Backends;

/** Exact GELU, {@code 0.5 x (1 + erf(x / sqrt 2))}, as PyTorch's default. */
public final class GELU extends Activation {
    private GELU() {
        super("GELU", x -> x.mul(Backends.current().ops().erf(x.mul(1 / Math.sqrt(2))).add(1)).mul(0.5));
    }

    public static GELU of() { return new GELU(); }
}
