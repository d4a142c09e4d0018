package io.juxta.frameworks.tensorflow;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** Copies between Java arrays and TensorFlow host tensors. Every tensor returned here must be closed by the caller. */
public final class HostTensors {
    private HostTensors() {}

    public static TFloat32 floats(float[] values, long... shape) {
        checkSize(values.length, shape);
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
    }

    public static TInt32 ints(int[] values, long... shape) {
        checkSize(values.length, shape);
        return TInt32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
    }

    public static TInt64 longs(long[] values, long... shape) {
        checkSize(values.length, shape);
        return TInt64.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
    }

    /** The tensor's values in row-major order, widened or narrowed to float. */
    public static float[] toFloats(Tensor tensor) {
        long size = tensor.shape().size();
        if (size > Integer.MAX_VALUE) throw new IllegalArgumentException("tensor of " + size + " elements does not fit a Java array");
        float[] out = new float[(int) size];
        if (tensor instanceof TFloat32 f) {
            f.copyTo(DataBuffers.of(out, false, false));
        } else if (tensor instanceof TInt32 i) {
            int[] tmp = new int[out.length];
            i.copyTo(DataBuffers.of(tmp, false, false));
            for (int k = 0; k < tmp.length; k++) out[k] = tmp[k];
        } else if (tensor instanceof TInt64 l) {
            long[] tmp = new long[out.length];
            l.copyTo(DataBuffers.of(tmp, false, false));
            for (int k = 0; k < tmp.length; k++) out[k] = tmp[k];
        } else if (tensor instanceof org.tensorflow.types.TFloat64 d) {
            double[] tmp = new double[out.length];
            d.copyTo(DataBuffers.of(tmp, false, false));
            for (int k = 0; k < tmp.length; k++) out[k] = (float) tmp[k];
        } else {
            throw new UnsupportedOperationException("reading " + tensor.dataType() + " tensors into float[] is not supported");
        }
        return out;
    }

    private static void checkSize(int length, long[] shape) {
        long size = 1;
        for (long d : shape) size *= d;
        if (size != length) {
            throw new IllegalArgumentException("shape " + Shape.of(shape) + " holds " + size + " values but " + length + " were given");
        }
    }
}
