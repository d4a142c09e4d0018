package io.juxta.frameworks.nn;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.Tensor;

/**
 * Zeroes each element with probability p in training mode and scales the rest by 1/(1-p); identity in evaluation
 * mode. Masks come from the backend generator, so they differ between backends (see Capability.RANDOM_PARITY).
 */
public final class Dropout extends Layer {
    private final double p;

    private Dropout(double p) {
        if (p < 0 || p >= 1) throw new IllegalArgumentException("Dropout probability must be in [0, 1), got " + p);
        this.p = p;
    }

    public static Dropout of(double p) { return new Dropout(p); }

    @Override public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) return x;
        var ops = Backends.current().ops();
        Tensor keep = ops.ge(ops.randomUniformLike(x, 0, 1), ops.scalar(p, x.dtype()));
        return x.mul(keep.cast(x.dtype())).mul(1 / (1 - p));
    }

    @Override protected String describe() { return "Dropout(p=" + p + ")"; }
}
