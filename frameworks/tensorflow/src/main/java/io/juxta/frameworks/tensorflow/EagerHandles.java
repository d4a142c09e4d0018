package io.juxta.frameworks.tensorflow;

import io.juxta.frameworks.DType;
import io.juxta.frameworks.HostArray;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.tensorflow.Operand;
import org.tensorflow.internal.c_api.TFE_Op;
import org.tensorflow.internal.c_api.TFE_TensorHandle;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.internal.c_api.TF_Tensor;
import org.tensorflow.internal.c_api.global.tensorflow;

/**
 * Direct access to the native handles of eager results. TF Java 1.1.0 frees them only when the garbage
 * collector finds the Java objects unreachable, and its {@code asTensor()} keeps a resolved copy attached to
 * the session; both grow native memory the collector cannot see (research §6). Reads here resolve, copy and
 * delete at once, and {@link #free} releases an op's outputs and the op (which holds its inputs alive).
 */
final class EagerHandles {
    private static final Field OUTPUT_HANDLES, OUTPUT_TENSORS, OP_HANDLE;

    static {
        Field handles = null, tensors = null, op = null;
        try {
            Class<?> eagerOp = Class.forName("org.tensorflow.EagerOperation");
            handles = eagerOp.getDeclaredField("outputHandles");
            tensors = eagerOp.getDeclaredField("outputTensors");
            op = eagerOp.getDeclaredField("opHandle");
            handles.setAccessible(true);
            tensors.setAccessible(true);
            op.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            handles = tensors = op = null;     // another TF Java version: fall back to asTensor() and the collector
        }
        OUTPUT_HANDLES = handles;
        OUTPUT_TENSORS = tensors;
        OP_HANDLE = op;
    }

    private EagerHandles() {}

    static boolean available() { return OUTPUT_HANDLES != null; }

    /** Copies an eager result to the heap without leaving a resolved tensor behind. */
    @SuppressWarnings("try")
    static HostArray toHost(Operand<?> operand, DType dtype, int[] shape) {
        if (!available()) return TfTypes.toHost(operand.asTensor());
        TFE_TensorHandle handle = handle(operand);
        HostArray out = HostArray.zeros(dtype, shape);
        try (PointerScope statusScope = new PointerScope()) {   // frees the status
            TF_Status status = TF_Status.newStatus();
            TF_Tensor t = tensorflow.TFE_TensorHandleResolve(handle, status);
            status.throwExceptionIfNotOK();
            try {
                Pointer data = tensorflow.TF_TensorData(t);
                switch (dtype) {
                    case FLOAT32 -> new FloatPointer(data).get((float[]) out.data());
                    case FLOAT64 -> new DoublePointer(data).get((double[]) out.data());
                    case INT32 -> new IntPointer(data).get((int[]) out.data());
                    case INT64 -> new LongPointer(data).get((long[]) out.data());
                    case BOOL -> {
                        byte[] b = new byte[out.size()];
                        new BytePointer(data).get(b);
                        boolean[] z = (boolean[]) out.data();
                        for (int i = 0; i < b.length; i++) z[i] = b[i] != 0;
                    }
                }
            } finally {
                tensorflow.TF_DeleteTensor(t);
            }
        }
        return out;
    }

    private static TFE_TensorHandle handle(Operand<?> operand) {
        try {
            Object[] handles = (Object[]) OUTPUT_HANDLES.get(operand.op());
            TFE_TensorHandle h = (TFE_TensorHandle) handles[operand.asOutput().index()];
            if (h == null || h.isNull()) throw new IllegalStateException("this eager tensor has been freed");
            return h;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Frees an eager op: its resolved values, its output handles, and the op itself. */
    static void free(org.tensorflow.Operation op) {
        if (!available()) return;
        try {
            AtomicReferenceArray<?> values = (AtomicReferenceArray<?>) OUTPUT_TENSORS.get(op);
            for (int i = 0; i < values.length(); i++) {
                Object v = values.getAndSet(i, null);
                if (v instanceof org.tensorflow.Tensor t) t.close();
            }
            for (Object h : (Object[]) OUTPUT_HANDLES.get(op)) {
                if (h instanceof Pointer p && !p.isNull()) p.deallocate();
            }
            if (OP_HANDLE.get(op) instanceof TFE_Op o && !o.isNull()) o.deallocate();
        } catch (IllegalAccessException | IllegalArgumentException e) {
            // not an eager operation: nothing to free
        }
    }
}
