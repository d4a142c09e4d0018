package io.juxta.frameworks;

import io.juxta.frameworks.spi.TensorOps;

import java.util.List;

/**
 * Static entry to the portable ops on the current backend ({@link Backends#current()}), for cells:
 * {@code var x = Ops.tensor(new float[]{1, 2, 3, 4}, 2, 2); Ops.matmul(x, x)}. Conventions: {@link TensorOps}.
 */
public final class Ops {
    private Ops() {}

    private static TensorOps ops() { return Backends.current().ops(); }

    // ---------------------------------------------------------------- creation
    public static Tensor tensor(HostArray array) { return ops().fromHost(array); }

    public static Tensor tensor(float[] data, int... shape) { return ops().fromHost(HostArray.of(data, shape)); }

    public static Tensor tensor(double[] data, int... shape) { return ops().fromHost(HostArray.of(data, shape)); }

    public static Tensor tensor(int[] data, int... shape) { return ops().fromHost(HostArray.of(data, shape)); }

    public static Tensor tensor(long[] data, int... shape) { return ops().fromHost(HostArray.of(data, shape)); }

    public static Tensor tensor(float[][] rows) { return ops().fromHost(HostArray.of(rows)); }

    public static Tensor scalar(double value) { return ops().scalar(value, DType.FLOAT32); }

    public static Tensor scalar(double value, DType dtype) { return ops().scalar(value, dtype); }

    public static Tensor zeros(int... shape) { return ops().zeros(shape, DType.FLOAT32); }

    public static Tensor ones(int... shape) { return ops().ones(shape, DType.FLOAT32); }

    public static Tensor full(double value, int... shape) { return ops().full(shape, value, DType.FLOAT32); }

    public static Tensor zeros(DType dtype, int... shape) { return ops().zeros(shape, dtype); }

    /** {@code 0, 1, ..., end-1} as int64, like {@code torch.arange(end)}. */
    public static Tensor arange(int end) { return ops().arange(0, end, 1, DType.INT64); }

    /** {@code start, start+1, ..., end-1} as int64, like {@code torch.arange(start, end)} with whole numbers. */
    public static Tensor arange(int start, int end) { return ops().arange(start, end, 1, DType.INT64); }

    /** {@code 0, 1, ..., end-1} as int64, as {@link #arange(int)} with a {@code long} bound. */
    public static Tensor arange(long end) { return ops().arange(0, end, 1, DType.INT64); }

    /** {@code start, start+1, ..., end-1} as int64, as {@link #arange(int, int)} with {@code long} bounds. */
    public static Tensor arange(long start, long end) { return ops().arange(start, end, 1, DType.INT64); }

    /** {@code start, start+1, ...} below {@code end} as float32, like {@code torch.arange(0.5, 3.0)}. */
    public static Tensor arange(double start, double end) { return ops().arange(start, end, 1, DType.FLOAT32); }

    public static Tensor arange(double start, double end, double step) { return ops().arange(start, end, step, DType.FLOAT32); }

    public static Tensor eye(int n) { return ops().eye(n, DType.FLOAT32); }

    /** Uniform [0, 1) from the backend's generator; seed it with {@link #manualSeed(long)}. */
    public static Tensor rand(int... shape) { return ops().randomUniform(shape, 0, 1, DType.FLOAT32); }

    /** Standard normal from the backend's generator; seed it with {@link #manualSeed(long)}. */
    public static Tensor randn(int... shape) { return ops().randomNormal(shape, 0, 1, DType.FLOAT32); }

    /** Seeds the backend generator (rand, randn, dropout) and the host generator {@link Rng} (weights). */
    public static void manualSeed(long seed) {
        Rng.seed(seed);
        Backends.current().manualSeed(seed);
    }

    // ---------------------------------------------------------------- math
    public static Tensor add(Tensor a, Tensor b) { return ops().add(a, b); }

    public static Tensor sub(Tensor a, Tensor b) { return ops().sub(a, b); }

    public static Tensor mul(Tensor a, Tensor b) { return ops().mul(a, b); }

    public static Tensor div(Tensor a, Tensor b) { return ops().div(a, b); }

    public static Tensor matmul(Tensor a, Tensor b) { return ops().matmul(a, b); }

    public static Tensor exp(Tensor x) { return ops().exp(x); }

    public static Tensor log(Tensor x) { return ops().log(x); }

    public static Tensor tanh(Tensor x) { return ops().tanh(x); }

    public static Tensor sigmoid(Tensor x) { return ops().sigmoid(x); }

    public static Tensor relu(Tensor x) { return ops().relu(x); }

    public static Tensor where(Tensor condition, Tensor a, Tensor b) { return ops().where(condition, a, b); }

    public static Tensor clamp(Tensor x, double min, double max) { return ops().clamp(x, min, max); }

    public static Tensor softmax(Tensor x, int axis) { return ops().softmax(x, axis); }

    public static Tensor logSoftmax(Tensor x, int axis) { return ops().logSoftmax(x, axis); }

    public static Tensor concat(List<Tensor> tensors, int axis) { return ops().concat(tensors, axis); }

    public static Tensor stack(List<Tensor> tensors, int axis) { return ops().stack(tensors, axis); }

    public static Tensor oneHot(Tensor indices, int depth) { return ops().oneHot(indices, depth, DType.FLOAT32); }

    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int stride, int padding) {
        return ops().conv2d(input, weight, bias, new int[]{stride, stride}, new int[]{padding, padding}, new int[]{1, 1});
    }

    public static Tensor maxPool2d(Tensor input, int kernel) {
        return ops().maxPool2d(input, new int[]{kernel, kernel}, new int[]{kernel, kernel}, new int[]{0, 0});
    }

    public static Tensor avgPool2d(Tensor input, int kernel) {
        return ops().avgPool2d(input, new int[]{kernel, kernel}, new int[]{kernel, kernel}, new int[]{0, 0});
    }

    /** The full op set of the current backend, for everything not mirrored here. */
    public static TensorOps all() { return ops(); }
}
