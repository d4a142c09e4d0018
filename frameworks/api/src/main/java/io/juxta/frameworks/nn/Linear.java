package io.juxta.frameworks.nn;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.Rng;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.Variable;

import java.util.SplittableRandom;

/** {@code y = x W^T + b}, W of shape [out, in]; initialised like PyTorch: U(-1/sqrt(in), 1/sqrt(in)). */
public final class Linear extends Layer {
    private final int in, out;
    private final Variable weight, bias;

    private Linear(int in, int out, boolean withBias) {
        if (in <= 0 || out <= 0) throw new IllegalArgumentException("Linear needs positive sizes, got in=" + in + ", out=" + out);
        this.in = in;
        this.out = out;
        SplittableRandom r = Rng.split();
        double bound = 1 / Math.sqrt(in);
        weight = addWeight("weight", Rng.uniform(r, -bound, bound, out, in));
        bias = withBias ? addWeight("bias", Rng.uniform(r, -bound, bound, out)) : null;
    }

    public static Linear of(int in, int out) { return new Linear(in, out, true); }

    public static Linear noBias(int in, int out) { return new Linear(in, out, false); }

    public Variable weight() { return weight; }

    public Variable bias() { return bias; }

    @Override public Tensor forward(Tensor x) {
        int last = x.dim(-1);
        if (last >= 0 && last != in) {
            throw new IllegalArgumentException("Linear(" + in + ", " + out + ") got input with last dimension " + last
                    + " (shape " + io.juxta.frameworks.TensorFormat.shape(x.shape()) + "); " + fix(x.shape(), last));
        }
        return Backends.current().ops().linear(x, weight.value(), bias == null ? null : bias.value());
    }

    /**
     * What to change. Linear works on the last dimension, so an image batch [N, 1, 28, 28] reaching it unflattened
     * is nearly always a missing Flatten, not a wrong in-size: say so when the values per example match (or could).
     */
    private String fix(int[] shape, int last) {
        long perExample = 1;
        for (int i = 1; i < shape.length; i++) {
            perExample = shape[i] < 0 ? -1 : perExample * shape[i];
            if (perExample < 0) break;
        }
        if (shape.length < 3 || perExample < 0) {
            return "use Linear.of(" + last + ", " + out + ")";
        }
        if (perExample == in) {
            return "put Flatten.of() before it: each example holds " + perExample + " values, as Linear(" + in + ", "
                    + out + ") expects, but Linear works on the last dimension only";
        }
        return "to use every value of an example, put Flatten.of() before it and use Linear.of(" + perExample + ", " + out
                + "); to work on the last dimension only, use Linear.of(" + last + ", " + out + ")";
    }

    @Override protected String describe() { return "Linear(in=" + in + ", out=" + out + (bias == null ? ", bias=false" : "") + ")"; }
}
