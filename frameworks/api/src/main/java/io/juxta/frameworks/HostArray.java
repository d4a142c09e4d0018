package io.juxta.frameworks;

import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional array in Java heap memory, row-major. It is how data, initial weights and results move
 * between Java and a backend, and the one format both backends share (datasets, safetensors, %%compare).
 * The backing array is one of float[], double[], int[], long[], boolean[] according to {@link #dtype()}.
 */
public final class HostArray {
    private final DType dtype;
    private final int[] shape;
    private final Object data;

    private HostArray(DType dtype, int[] shape, Object data) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data;
        long expected = sizeOf(shape);
        if (expected != java.lang.reflect.Array.getLength(data)) {
            throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " needs " + expected
                    + " elements but the array has " + java.lang.reflect.Array.getLength(data));
        }
    }

    /** Wraps (does not copy) {@code data}; with no shape given the array is one-dimensional. */
    public static HostArray of(float[] data, int... shape) { return new HostArray(DType.FLOAT32, shapeOr(shape, data.length), data); }

    public static HostArray of(double[] data, int... shape) { return new HostArray(DType.FLOAT64, shapeOr(shape, data.length), data); }

    public static HostArray of(int[] data, int... shape) { return new HostArray(DType.INT32, shapeOr(shape, data.length), data); }

    public static HostArray of(long[] data, int... shape) { return new HostArray(DType.INT64, shapeOr(shape, data.length), data); }

    public static HostArray of(boolean[] data, int... shape) { return new HostArray(DType.BOOL, shapeOr(shape, data.length), data); }

    /** Row-major copy of a rectangular matrix. */
    public static HostArray of(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) throw new IllegalArgumentException("Row " + r + " has " + rows[r].length + " values, row 0 has " + cols);
            System.arraycopy(rows[r], 0, flat, r * cols, cols);
        }
        return of(flat, rows.length, cols);
    }

    public static HostArray scalar(float value) { return new HostArray(DType.FLOAT32, new int[0], new float[]{value}); }

    public static HostArray zeros(DType dtype, int... shape) { return new HostArray(dtype, shape, allocate(dtype, Math.toIntExact(sizeOf(shape)))); }

    /** A zero-filled array of {@code dtype}; fill it with {@link #set(int, double)}. */
    public static HostArray filled(DType dtype, double value, int... shape) {
        HostArray a = zeros(dtype, shape);
        for (int i = 0; i < a.size(); i++) a.set(i, value);
        return a;
    }

    public DType dtype() { return dtype; }

    public int[] shape() { return shape.clone(); }

    public int rank() { return shape.length; }

    public int dim(int axis) { return shape[axis < 0 ? axis + shape.length : axis]; }

    public int size() { return java.lang.reflect.Array.getLength(data); }

    /** The backing array itself (float[], double[], int[], long[] or boolean[]); changes write through. */
    public Object data() { return data; }

    public double get(int flatIndex) {
        return switch (dtype) {
            case FLOAT32 -> ((float[]) data)[flatIndex];
            case FLOAT64 -> ((double[]) data)[flatIndex];
            case INT32 -> ((int[]) data)[flatIndex];
            case INT64 -> ((long[]) data)[flatIndex];
            case BOOL -> ((boolean[]) data)[flatIndex] ? 1 : 0;
        };
    }

    public void set(int flatIndex, double value) {
        switch (dtype) {
            case FLOAT32 -> ((float[]) data)[flatIndex] = (float) value;
            case FLOAT64 -> ((double[]) data)[flatIndex] = value;
            case INT32 -> ((int[]) data)[flatIndex] = (int) value;
            case INT64 -> ((long[]) data)[flatIndex] = (long) value;
            case BOOL -> ((boolean[]) data)[flatIndex] = value != 0;
        }
    }

    /** A copy converted to float (the backing array itself when already float32). */
    public float[] toFloatArray() {
        if (dtype == DType.FLOAT32) return (float[]) data;
        float[] out = new float[size()];
        for (int i = 0; i < out.length; i++) out[i] = (float) get(i);
        return out;
    }

    public double[] toDoubleArray() {
        if (dtype == DType.FLOAT64) return (double[]) data;
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) out[i] = get(i);
        return out;
    }

    public int[] toIntArray() {
        if (dtype == DType.INT32) return (int[]) data;
        int[] out = new int[size()];
        for (int i = 0; i < out.length; i++) out[i] = (int) get(i);
        return out;
    }

    public long[] toLongArray() {
        if (dtype == DType.INT64) return (long[]) data;
        long[] out = new long[size()];
        for (int i = 0; i < out.length; i++) out[i] = (long) get(i);
        return out;
    }

    /** Same data, new shape; one entry may be -1. */
    public HostArray reshape(int... newShape) {
        return new HostArray(dtype, resolveShape(newShape, size()), data);
    }

    public HostArray astype(DType target) {
        if (target == dtype) return this;
        HostArray out = zeros(target, shape);
        for (int i = 0; i < size(); i++) out.set(i, get(i));
        return out;
    }

    public HostArray copy() {
        Object copy = switch (dtype) {
            case FLOAT32 -> ((float[]) data).clone();
            case FLOAT64 -> ((double[]) data).clone();
            case INT32 -> ((int[]) data).clone();
            case INT64 -> ((long[]) data).clone();
            case BOOL -> ((boolean[]) data).clone();
        };
        return new HostArray(dtype, shape, copy);
    }

    /** The rows {@code indices} along axis 0, copied: how batches are cut from a dataset. */
    public HostArray rows(int[] indices) {
        if (shape.length == 0) throw new IllegalArgumentException("A scalar has no rows");
        int rowSize = shape[0] == 0 ? 0 : size() / shape[0];
        int[] outShape = shape.clone();
        outShape[0] = indices.length;
        Object out = allocate(dtype, indices.length * rowSize);
        for (int i = 0; i < indices.length; i++) {
            int r = indices[i];
            if (r < 0 || r >= shape[0]) throw new IndexOutOfBoundsException("Row " + r + " of " + shape[0]);
            System.arraycopy(data, r * rowSize, out, i * rowSize, rowSize);
        }
        return new HostArray(dtype, outShape, out);
    }

    /** Rows {@code [from, to)} along axis 0, copied. */
    public HostArray rows(int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) idx[i] = from + i;
        return rows(idx);
    }

    /** Concatenates arrays of equal dtype and trailing shape along axis 0 (e.g. predictions of several batches). */
    public static HostArray concatRows(java.util.List<HostArray> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("Nothing to concatenate");
        HostArray first = parts.get(0);
        int rows = 0, total = 0;
        for (HostArray p : parts) {
            if (p.dtype != first.dtype || p.rank() != first.rank()
                    || !Arrays.equals(Arrays.copyOfRange(p.shape, 1, p.rank()), Arrays.copyOfRange(first.shape, 1, first.rank()))) {
                throw new IllegalArgumentException("Cannot concatenate " + p.dtype + Arrays.toString(p.shape) + " to " + first.dtype + Arrays.toString(first.shape));
            }
            rows += p.shape[0];
            total += p.size();
        }
        Object out = allocate(first.dtype, total);
        int offset = 0;
        for (HostArray p : parts) {
            System.arraycopy(p.data, 0, out, offset, p.size());
            offset += p.size();
        }
        int[] shape = first.shape.clone();
        shape[0] = rows;
        return new HostArray(first.dtype, shape, out);
    }

    /** Largest absolute element-wise difference; shapes must match. */
    public double maxAbsDiff(HostArray other) {
        if (!Arrays.equals(shape, other.shape)) {
            throw new IllegalArgumentException("Shapes differ: " + Arrays.toString(shape) + " vs " + Arrays.toString(other.shape));
        }
        double max = 0;
        for (int i = 0; i < size(); i++) max = Math.max(max, Math.abs(get(i) - other.get(i)));
        return max;
    }

    @Override public boolean equals(Object o) {
        if (!(o instanceof HostArray h) || h.dtype != dtype || !Arrays.equals(h.shape, shape)) return false;
        return Objects.deepEquals(new Object[]{data}, new Object[]{h.data});
    }

    @Override public int hashCode() { return Objects.hash(dtype, Arrays.hashCode(shape)); }

    @Override public String toString() { return TensorFormat.format(this, "array", ""); }

    // ---------------------------------------------------------------- shape helpers shared by backends

    public static long sizeOf(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("Negative dimension in shape " + Arrays.toString(shape));
            n *= d;
        }
        return n;
    }

    /** Replaces a single -1 in {@code shape} so that the element count is {@code size}. */
    public static int[] resolveShape(int[] shape, long size) {
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (unknown >= 0) throw new IllegalArgumentException("Only one -1 allowed in shape " + Arrays.toString(shape));
                unknown = i;
            } else {
                known *= shape[i];
            }
        }
        int[] out = shape.clone();
        if (unknown >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("Cannot reshape " + size + " elements into " + Arrays.toString(shape));
            }
            out[unknown] = (int) (size / known);
        } else if (known != size) {
            throw new IllegalArgumentException("Cannot reshape " + size + " elements into " + Arrays.toString(shape));
        }
        return out;
    }

    private static int[] shapeOr(int[] shape, int length) { return shape.length == 0 ? new int[]{length} : shape; }

    static Object allocate(DType dtype, int n) {
        return switch (dtype) {
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
            case INT32 -> new int[n];
            case INT64 -> new long[n];
            case BOOL -> new boolean[n];
        };
    }
}
