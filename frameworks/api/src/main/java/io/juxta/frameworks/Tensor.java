package io.juxta.frameworks;

import io.juxta.frameworks.spi.TensorOps;

/**
 * A tensor owned by one backend. Methods here are shorthands for {@link TensorOps} of the tensor's own backend,
 * so {@code x.matmul(w).add(b).relu()} reads like PyTorch. Static creation lives in {@link Ops}.
 *
 * <p>A tensor is <em>symbolic</em> while a staged backend traces a step: it has a shape (maybe with -1 for the
 * batch) and a dtype but no value, and reading it throws {@link SymbolicValueException}.
 *
 * <p>Implementations render {@code toString()} with {@link TensorFormat#format(Tensor)}.
 */
public interface Tensor {

    Backend backend();

    /** Dimensions; -1 marks a dimension unknown until run time (symbolic tensors only). */
    int[] shape();

    DType dtype();

    Device device();

    /** True while a staged backend traces: no value exists yet. */
    boolean isSymbolic();

    /** Copies the values to the Java heap. */
    HostArray toHost();

    // ---------------------------------------------------------------- metadata

    default int rank() { return shape().length; }

    /** The size of one axis; negative axes count from the end, as in PyTorch. */
    default int dim(int axis) {
        int[] s = shape();
        if (axis < -s.length || axis >= s.length) {
            throw new IllegalArgumentException(s.length == 0
                    ? "dim(" + axis + ") of a 0-d tensor: a scalar has no axes (its value is item())"
                    : "dim(" + axis + ") is out of range for shape " + java.util.Arrays.toString(s) + ": axes go from "
                            + -s.length + " to " + (s.length - 1));
        }
        return s[Math.floorMod(axis, s.length)];
    }

    default long size() { return HostArray.sizeOf(shape()); }

    // ---------------------------------------------------------------- values

    default float[] toFloatArray() { return toHost().toFloatArray(); }

    default double[] toDoubleArray() { return toHost().toDoubleArray(); }

    default int[] toIntArray() { return toHost().toIntArray(); }

    default long[] toLongArray() { return toHost().toLongArray(); }

    /** The single value of a one-element tensor. */
    default double item() {
        HostArray h = toHost();
        if (h.size() != 1) throw new IllegalStateException("item() needs a one-element tensor, this one has shape " + TensorFormat.shape(shape()));
        return h.get(0);
    }

    // ---------------------------------------------------------------- arithmetic

    private TensorOps ops() { return backend().ops(); }

    private Tensor lift(double v) {
        if (!dtype().isFloating() && v != Math.rint(v)) {
            throw new IllegalArgumentException("Cannot combine " + dtype() + " tensor with " + v + ": cast it first, e.g. x.cast(DType.FLOAT32)");
        }
        return ops().scalar(v, dtype());
    }

    default Tensor add(Tensor other) { return ops().add(this, other); }

    default Tensor add(double v) { return ops().add(this, lift(v)); }

    default Tensor sub(Tensor other) { return ops().sub(this, other); }

    default Tensor sub(double v) { return ops().sub(this, lift(v)); }

    default Tensor mul(Tensor other) { return ops().mul(this, other); }

    default Tensor mul(double v) { return ops().mul(this, lift(v)); }

    default Tensor div(Tensor other) { return ops().div(this, other); }

    default Tensor div(double v) { return ops().div(this, lift(v)); }

    default Tensor pow(Tensor exponent) { return ops().pow(this, exponent); }

    default Tensor pow(double exponent) { return ops().pow(this, lift(exponent)); }

    default Tensor maximum(Tensor other) { return ops().maximum(this, other); }

    default Tensor minimum(Tensor other) { return ops().minimum(this, other); }

    default Tensor neg() { return ops().neg(this); }

    default Tensor abs() { return ops().abs(this); }

    default Tensor exp() { return ops().exp(this); }

    default Tensor log() { return ops().log(this); }

    default Tensor sqrt() { return ops().sqrt(this); }

    default Tensor square() { return ops().square(this); }

    default Tensor tanh() { return ops().tanh(this); }

    default Tensor sigmoid() { return ops().sigmoid(this); }

    default Tensor relu() { return ops().relu(this); }

    default Tensor clamp(double min, double max) { return ops().clamp(this, min, max); }

    default Tensor cast(DType target) { return target == dtype() ? this : ops().cast(this, target); }

    // ---------------------------------------------------------------- comparison

    default Tensor eq(Tensor other) { return ops().eq(this, other); }

    default Tensor ne(Tensor other) { return ops().ne(this, other); }

    default Tensor lt(Tensor other) { return ops().lt(this, other); }

    default Tensor le(Tensor other) { return ops().le(this, other); }

    default Tensor gt(Tensor other) { return ops().gt(this, other); }

    default Tensor ge(Tensor other) { return ops().ge(this, other); }

    default Tensor gt(double v) { return ops().gt(this, lift(v)); }

    default Tensor lt(double v) { return ops().lt(this, lift(v)); }

    // ---------------------------------------------------------------- linear algebra, reductions

    default Tensor matmul(Tensor other) { return ops().matmul(this, other); }

    /** Sum of all elements. */
    default Tensor sum() { return ops().sum(this, new int[0], false); }

    default Tensor sum(int axis) { return ops().sum(this, new int[]{axis}, false); }

    default Tensor sum(int axis, boolean keepDims) { return ops().sum(this, new int[]{axis}, keepDims); }

    default Tensor mean() { return ops().mean(this, new int[0], false); }

    default Tensor mean(int axis) { return ops().mean(this, new int[]{axis}, false); }

    default Tensor mean(int axis, boolean keepDims) { return ops().mean(this, new int[]{axis}, keepDims); }

    default Tensor max() { return ops().max(this, new int[0], false); }

    default Tensor max(int axis) { return ops().max(this, new int[]{axis}, false); }

    default Tensor min() { return ops().min(this, new int[0], false); }

    default Tensor min(int axis) { return ops().min(this, new int[]{axis}, false); }

    default Tensor argmax(int axis) { return ops().argmax(this, axis, false); }

    default Tensor softmax(int axis) { return ops().softmax(this, axis); }

    default Tensor logSoftmax(int axis) { return ops().logSoftmax(this, axis); }

    default Tensor logSumExp(int axis) { return ops().logSumExp(this, new int[]{axis}, false); }

    // ---------------------------------------------------------------- shape

    default Tensor reshape(int... shape) { return ops().reshape(this, shape); }

    default Tensor permute(int... axes) { return ops().permute(this, axes); }

    default Tensor transpose(int axis0, int axis1) { return ops().transpose(this, axis0, axis1); }

    /** Matrix transpose of a rank-2 tensor; a 0-d or 1-d tensor is its own transpose, as in PyTorch. */
    default Tensor t() {
        int rank = rank();
        if (rank < 2) return this;
        if (rank > 2) {
            throw new IllegalArgumentException("t() transposes a matrix, but this tensor has shape "
                    + TensorFormat.shape(shape()) + "; name the two axes to swap with transpose(a, b)");
        }
        return ops().transpose(this, 0, 1);
    }

    /** Flattens axes {@code startAxis..} into one. */
    default Tensor flatten(int startAxis) {
        int[] s = shape();
        int start = Math.floorMod(startAxis, Math.max(1, s.length));
        int[] out = new int[start + 1];
        long rest = 1;
        for (int i = 0; i < s.length; i++) {
            if (i < start) out[i] = s[i];
            else if (s[i] < 0) rest = -1;
            else if (rest >= 0) rest *= s[i];
        }
        out[start] = (int) rest;
        // a -1 before the flattened block (unknown batch) can stay; only one -1 may remain
        if (rest < 0) for (int i = 0; i < start; i++) if (out[i] < 0) throw new IllegalStateException("Cannot flatten with two unknown dimensions");
        return ops().reshape(this, out);
    }

    default Tensor slice(int axis, int start, int end) { return ops().slice(this, axis, start, end, 1); }

    default Tensor gather(Tensor indices, int axis) { return ops().gather(this, indices, axis); }

    default Tensor squeeze(int axis) { return ops().squeeze(this, axis); }

    default Tensor unsqueeze(int axis) { return ops().unsqueeze(this, axis); }

    /** No gradient flows back through the result. */
    default Tensor detach() { return ops().stopGradient(this); }
}
