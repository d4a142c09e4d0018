package io.juxta.frameworks.tensorflow;

import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * Convolution and pooling with PyTorch's conventions (NCHW images, OIHW kernels, symmetric padding) built from
 * TensorFlow ops. TensorFlow's CPU kernels take NHWC only, so images are transposed around them. Works in a
 * graph and eagerly alike, and every op used has a registered gradient.
 */
final class NnOps {
    private NnOps() {}

    /** torch.nn.functional.conv2d: input [N, C, H, W], weight [O, C, kh, kw], bias [O] or null. */
    public static <T extends TNumber> Operand<T> conv2d(Ops tf, Operand<T> input, Operand<T> weight, Operand<T> bias,
                                           int[] stride, int[] padding, int[] dilation, int groups) {
        if (groups != 1) throw new UnsupportedOperationException("grouped convolution (groups=" + groups + ") is not supported on the TensorFlow backend");
        requireRank(input, 4, "conv2d input [N, C, H, W]");
        // an explicit Pad rather than EXPLICIT padding: the C++ Conv2D gradient drops explicit_paddings
        Operand<T> nhwc = pad(tf, toNhwc(tf, input), padding, 0f);
        Operand<T> hwio = tf.linalg.transpose(weight, tf.constant(new int[] {2, 3, 1, 0}));
        // dilation as zeros spread into the kernel: the C++ Conv2D gradient ignores the dilations attribute
        hwio = dilate(tf, dilate(tf, hwio, 0, dilation[0]), 1, dilation[1]);
        Operand<T> y = tf.nn.conv2d(nhwc, hwio, List.of(1L, (long) stride[0], (long) stride[1], 1L), "VALID");
        if (bias != null) y = tf.nn.biasAdd(y, bias);
        return toNchw(tf, y);
    }

    /** torch.nn.functional.max_pool2d (no dilation, floor mode): padding counts as minus infinity. */
    public static <T extends TNumber> Operand<T> maxPool2d(Ops tf, Operand<T> input, int[] kernel, int[] stride, int[] padding) {
        requireRank(input, 4, "max_pool2d input [N, C, H, W]");
        Operand<T> nhwc = pad(tf, toNhwc(tf, input), padding, Float.NEGATIVE_INFINITY);
        Operand<T> y = tf.nn.maxPool(nhwc, tf.constant(new int[] {1, kernel[0], kernel[1], 1}),
                tf.constant(new int[] {1, stride[0], stride[1], 1}), "VALID");
        return toNchw(tf, y);
    }

    /** torch.nn.functional.avg_pool2d with count_include_pad=True: padding counts as zeros. */
    public static <T extends TNumber> Operand<T> avgPool2d(Ops tf, Operand<T> input, int[] kernel, int[] stride, int[] padding) {
        requireRank(input, 4, "avg_pool2d input [N, C, H, W]");
        Operand<T> nhwc = pad(tf, toNhwc(tf, input), padding, 0f);
        Operand<T> y = tf.nn.avgPool(nhwc, List.of(1L, (long) kernel[0], (long) kernel[1], 1L),
                List.of(1L, (long) stride[0], (long) stride[1], 1L), "VALID");
        return toNchw(tf, y);
    }

    /** Inserts {@code rate - 1} zeros between the kernel taps along spatial axis {@code axis} (0 or 1) of an HWIO kernel. */
    private static <T extends TNumber> Operand<T> dilate(Ops tf, Operand<T> hwio, int axis, int rate) {
        if (rate == 1) return hwio;
        long[] s = hwio.shape().asArray();
        long taps = s[axis];
        long[] split = axis == 0 ? new long[] {taps, 1, s[1], s[2], s[3]} : new long[] {s[0], taps, 1, s[2], s[3]};
        int[][] pads = new int[5][2];
        pads[axis + 1][1] = rate - 1;
        Operand<T> spread = tf.pad(tf.reshape(hwio, tf.constant(split)), tf.constant(pads), tf.dtypes.cast(tf.constant(0f), hwio.type()));
        long[] merged = s.clone();
        merged[axis] = taps * rate;
        Operand<T> flat = tf.reshape(spread, tf.constant(merged));
        int[] begin = new int[4], size = {-1, -1, -1, -1};
        size[axis] = (int) ((taps - 1) * rate + 1);
        return tf.slice(flat, tf.constant(begin), tf.constant(size));
    }

    static <T extends TNumber> Operand<T> toNhwc(Ops tf, Operand<T> nchw) {
        return tf.linalg.transpose(nchw, tf.constant(new int[] {0, 2, 3, 1}));
    }

    static <T extends TNumber> Operand<T> toNchw(Ops tf, Operand<T> nhwc) {
        return tf.linalg.transpose(nhwc, tf.constant(new int[] {0, 3, 1, 2}));
    }

    private static <T extends TNumber> Operand<T> pad(Ops tf, Operand<T> nhwc, int[] padding, float value) {
        if (padding[0] == 0 && padding[1] == 0) return nhwc;
        Operand<TInt32> pads = tf.constant(new int[][] {{0, 0}, {padding[0], padding[0]}, {padding[1], padding[1]}, {0, 0}});
        return tf.pad(nhwc, pads, tf.dtypes.cast(tf.constant(value), nhwc.type()));
    }

    private static void requireRank(Operand<?> x, int rank, String what) {
        int r = x.shape().numDimensions();
        if (r != rank) throw new IllegalArgumentException(what + " needs rank " + rank + ", got shape " + x.shape());
    }
}
