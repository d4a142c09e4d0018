package io.juxta.frameworks.nn;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.Tensor;

/** Average pooling over NCHW; stride defaults to the kernel size. */
public final class AvgPool2d extends Layer {
    private final int kernel, stride, padding;

    private AvgPool2d(int kernel, int stride, int padding) { this.kernel = kernel; this.stride = stride; this.padding = padding; }

    public static AvgPool2d of(int kernel) { return new AvgPool2d(kernel, kernel, 0); }

    public static AvgPool2d of(int kernel, int stride, int padding) { return new AvgPool2d(kernel, stride, padding); }

    @Override public Tensor forward(Tensor x) {
        return Backends.current().ops().avgPool2d(x, new int[]{kernel, kernel}, new int[]{stride, stride}, new int[]{padding, padding});
    }

    @Override protected String describe() { return "AvgPool2d(kernel=" + kernel + ", stride=" + stride + (padding != 0 ? ", padding=" + padding : "") + ")"; }
}
