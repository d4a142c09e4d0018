package io.juxta.frameworks.torch;

import io.juxta.frameworks.Batch;
import io.juxta.frameworks.DType;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.HostBatch;
import io.juxta.frameworks.Tensor;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The input tensors of one compiled step, kept between calls: each call copies the host batch into them instead of
 * allocating fresh tensors (a new 200 KB batch per step costs more than the copy, in allocator and cache traffic).
 * An entry is re-allocated only when its dtype or shape changes (e.g. the last, smaller batch of an epoch).
 * One step runs at a time, so one set of buffers per compiled step is enough.
 */
@SuppressWarnings("try")   // scopes work by being open, not by being referenced
final class InputBuffers {
    private final TorchOps ops;
    private final Map<String, Buffer> buffers = new HashMap<>();

    /** A kept tensor and a pointer to its data, of one dtype and shape. */
    private record Buffer(DType dtype, int[] shape, org.bytedeco.pytorch.Tensor tensor, Pointer data) {
        boolean fits(HostArray a) { return a.dtype() == dtype && Arrays.equals(a.shape(), shape); }

        void release() { tensor.releaseReference(); }
    }

    InputBuffers(TorchOps ops) { this.ops = ops; }

    /** The batch as tensors, with the current values of {@code host}; valid until the next call. */
    synchronized Batch fill(HostBatch host) {
        Map<String, Tensor> entries = new LinkedHashMap<>();
        host.entries().forEach((name, array) -> {
            Buffer b = buffers.get(name);
            if (b == null || !b.fits(array)) {
                if (b != null) b.release();
                b = allocate(array);
                buffers.put(name, b);
            }
            copy(array, b.data());
            entries.put(name, ops.wrap(b.tensor()));
        });
        return new Batch(entries);
    }

    /** Releases the kept tensors (the step is closed or unreachable); a later fill allocates new ones. */
    synchronized void release() {
        buffers.values().forEach(Buffer::release);
        buffers.clear();
    }

    private static Buffer allocate(HostArray a) {
        long[] shape = Arrays.stream(a.shape()).asLongStream().toArray();
        // its own scope, retained: the step's PointerScope (or a caller's) must not free a buffer the next step reuses
        try (PointerScope own = new PointerScope()) {
            org.bytedeco.pytorch.Tensor t = torch.empty(shape, new TensorOptions(TorchTensor.scalarType(a.dtype())), new MemoryFormatOptional());
            t.retainReference();
            Pointer p = t.data_ptr();
            Pointer typed = switch (a.dtype()) {
                case FLOAT32 -> new FloatPointer(p);
                case FLOAT64 -> new DoublePointer(p);
                case INT32 -> new IntPointer(p);
                case INT64 -> new LongPointer(p);
                case BOOL -> new BytePointer(p);
            };
            return new Buffer(a.dtype(), a.shape(), t, typed);
        }
    }

    private static void copy(HostArray a, Pointer to) {
        if (a.size() == 0) return;
        switch (a.dtype()) {
            case FLOAT32 -> ((FloatPointer) to).put((float[]) a.data());
            case FLOAT64 -> ((DoublePointer) to).put((double[]) a.data());
            case INT32 -> ((IntPointer) to).put((int[]) a.data());
            case INT64 -> ((LongPointer) to).put((long[]) a.data());
            case BOOL -> {
                boolean[] v = (boolean[]) a.data();
                byte[] bytes = new byte[v.length];
                for (int i = 0; i < v.length; i++) bytes[i] = (byte) (v[i] ? 1 : 0);
                ((BytePointer) to).put(bytes);
            }
        }
    }
}
