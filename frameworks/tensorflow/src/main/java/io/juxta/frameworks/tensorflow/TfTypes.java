package io.juxta.frameworks.tensorflow;

import io.juxta.frameworks.DType;
import io.juxta.frameworks.HostArray;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/** Maps the portable dtypes and host arrays to TensorFlow types and host tensors. */
final class TfTypes {
    private TfTypes() {}

    static Class<? extends TType> tfType(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> TFloat32.class;
            case FLOAT64 -> TFloat64.class;
            case INT32 -> TInt32.class;
            case INT64 -> TInt64.class;
            case BOOL -> TBool.class;
        };
    }

    static DType dtype(Class<? extends TType> type) {
        if (type == TFloat32.class) return DType.FLOAT32;
        if (type == TFloat64.class) return DType.FLOAT64;
        if (type == TInt32.class) return DType.INT32;
        if (type == TInt64.class) return DType.INT64;
        if (type == TBool.class) return DType.BOOL;
        throw new UnsupportedOperationException("TensorFlow type " + type.getSimpleName() + " has no portable dtype");
    }

    static Shape shape(int[] dims) {
        long[] l = new long[dims.length];
        for (int i = 0; i < dims.length; i++) l[i] = dims[i];
        return Shape.of(l);
    }

    static long[] longs(int[] dims) {
        long[] l = new long[dims.length];
        for (int i = 0; i < dims.length; i++) l[i] = dims[i];
        return l;
    }

    static int[] dims(Shape shape) {
        if (shape.isUnknown()) throw new IllegalStateException("a tensor of unknown rank has no portable shape");
        int[] d = new int[shape.numDimensions()];
        for (int i = 0; i < d.length; i++) d[i] = (int) shape.get(i);
        return d;
    }

    /** A new host tensor holding a copy of {@code a}; the caller closes it. */
    static Tensor toTensor(HostArray a) {
        Shape s = shape(a.shape());
        return switch (a.dtype()) {
            case FLOAT32 -> TFloat32.tensorOf(s, DataBuffers.of((float[]) a.data(), true, false));
            case FLOAT64 -> TFloat64.tensorOf(s, DataBuffers.of((double[]) a.data(), true, false));
            case INT32 -> TInt32.tensorOf(s, DataBuffers.of((int[]) a.data(), true, false));
            case INT64 -> TInt64.tensorOf(s, DataBuffers.of((long[]) a.data(), true, false));
            case BOOL -> TBool.tensorOf(s, DataBuffers.of((boolean[]) a.data(), true, false));
        };
    }

    /** Overwrites {@code t} (same dtype and shape as {@code a}) with the values of {@code a}. */
    static void copyInto(HostArray a, Tensor t) {
        if (a.size() == 0) return;
        switch (a.dtype()) {
            case FLOAT32 -> ((TFloat32) t).copyFrom(DataBuffers.of((float[]) a.data(), true, false));
            case FLOAT64 -> ((TFloat64) t).copyFrom(DataBuffers.of((double[]) a.data(), true, false));
            case INT32 -> ((TInt32) t).copyFrom(DataBuffers.of((int[]) a.data(), true, false));
            case INT64 -> ((TInt64) t).copyFrom(DataBuffers.of((long[]) a.data(), true, false));
            case BOOL -> ((TBool) t).copyFrom(DataBuffers.of((boolean[]) a.data(), true, false));
        }
    }

    /** Copies a host tensor's values to the Java heap. */
    static HostArray toHost(Tensor t) {
        int[] dims = dims(t.shape());
        HostArray out = HostArray.zeros(dtype(((TType) t).type()), dims);
        if (out.size() == 0) return out;
        if (t instanceof TFloat32 f) f.copyTo(DataBuffers.of((float[]) out.data(), false, false));
        else if (t instanceof TFloat64 d) d.copyTo(DataBuffers.of((double[]) out.data(), false, false));
        else if (t instanceof TInt32 i) i.copyTo(DataBuffers.of((int[]) out.data(), false, false));
        else if (t instanceof TInt64 l) l.copyTo(DataBuffers.of((long[]) out.data(), false, false));
        else if (t instanceof TBool b) b.copyTo(DataBuffers.of((boolean[]) out.data(), false, false));
        else throw new UnsupportedOperationException("cannot copy " + t.dataType() + " tensors to the host");
        return out;
    }
}
