package io.juxta.frameworks.nn;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.Rng;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.Variable;

import java.util.SplittableRandom;

/** 2-D convolution over NCHW input, weight OIHW; initialised like PyTorch (bound 1/sqrt(in*k*k)). */
public final class Conv2d extends Layer {
    private final int in, out, kernel;
    private int stride = 1, padding = 0, dilation = 1;
    private final Variable weight, bias;

    private Conv2d(int in, int out, int kernel) {
        if (in <= 0 || out <= 0 || kernel <= 0) throw new IllegalArgumentException("Conv2d needs positive sizes, got " + in + ", " + out + ", " + kernel);
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        SplittableRandom r = Rng.split();
        double bound = 1 / Math.sqrt((double) in * kernel * kernel);
        weight = addWeight("weight", Rng.uniform(r, -bound, bound, out, in, kernel, kernel));
        bias = addWeight("bias", Rng.uniform(r, -bound, bound, out));
    }

    public static Conv2d of(int inChannels, int outChannels, int kernel) { return new Conv2d(inChannels, outChannels, kernel); }

    public Conv2d stride(int s) { stride = s; return this; }

    public Conv2d padding(int p) { padding = p; return this; }

    public Conv2d dilation(int d) { dilation = d; return this; }

    public Variable weight() { return weight; }

    public Variable bias() { return bias; }

    @Override public Tensor forward(Tensor x) {
        if (x.rank() != 4 || (x.dim(1) >= 0 && x.dim(1) != in)) {
            throw new IllegalArgumentException("Conv2d(" + in + ", " + out + ", " + kernel + ") needs input [N, " + in + ", H, W], got "
                    + io.juxta.frameworks.TensorFormat.shape(x.shape()));
        }
        return Backends.current().ops().conv2d(x, weight.value(), bias.value(), new int[]{stride, stride},
                new int[]{padding, padding}, new int[]{dilation, dilation});
    }

    @Override protected String describe() {
        return "Conv2d(" + in + ", " + out + ", kernel=" + kernel + (stride != 1 ? ", stride=" + stride : "")
                + (padding != 0 ? ", padding=" + padding : "") + (dilation != 1 ? ", dilation=" + dilation : "") + ")";
    }
}
