package io.juxta.frameworks.torch;

import io.juxta.frameworks.Backend;
import io.juxta.frameworks.DType;
import io.juxta.frameworks.Device;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.MemoryScope;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.TensorFormat;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** A portable tensor around a libtorch tensor. Always concrete (torch is eager). */
final class TorchTensor implements Tensor {
    final org.bytedeco.pytorch.Tensor native_;
    private final TorchBackend backend;
    // read from native code once: ops check both on every call, and no portable op changes them in place
    private DType dtype;
    private int[] shape;

    private final boolean longLived;        // a variable's leaf: native helpers made for it may be kept
    private org.bytedeco.pytorch.TensorOptional optional;

    TorchTensor(TorchBackend backend, org.bytedeco.pytorch.Tensor t) { this(backend, t, false); }

    TorchTensor(TorchBackend backend, org.bytedeco.pytorch.Tensor t, boolean longLived) {
        this.backend = backend;
        this.native_ = t;
        this.longLived = longLived;
    }

    /** The libtorch tensor, unless the memory scope it was made in has freed it (then a clear error, not an NPE). */
    org.bytedeco.pytorch.Tensor live() {
        if (native_.isNull()) throw new IllegalStateException(MemoryScope.FREED_TENSOR);
        return native_;
    }

    /** This tensor as an optional argument (a bias); made once for a variable's leaf, per call otherwise. */
    org.bytedeco.pytorch.TensorOptional asOptional() {
        if (!longLived) return new org.bytedeco.pytorch.TensorOptional(live());
        org.bytedeco.pytorch.TensorOptional o = optional;
        if (o == null) optional = o = TorchOps.kept(new org.bytedeco.pytorch.TensorOptional(live()));
        return o;
    }

    @Override public Backend backend() { return backend; }

    @Override public int[] shape() {
        int[] s = shape;
        if (s == null) {
            org.bytedeco.pytorch.Tensor t = live();
            int rank = (int) t.dim();
            s = new int[rank];
            for (int i = 0; i < rank; i++) s[i] = (int) t.size(i);
            shape = s;
        }
        return s.clone();
    }

    @Override public DType dtype() {
        DType d = dtype;
        if (d == null) dtype = d = dtypeOf(live().scalar_type());
        return d;
    }

    @Override public Device device() { return Device.CPU; }

    @Override public boolean isSymbolic() { return false; }

    @Override public HostArray toHost() {
        org.bytedeco.pytorch.Tensor c = live().detach().contiguous();
        DType dt = dtypeOf(c.scalar_type());
        HostArray out = HostArray.zeros(dt, shape());
        if (out.size() == 0) return out;
        Pointer p = c.data_ptr();
        switch (dt) {
            case FLOAT32 -> new FloatPointer(p).get((float[]) out.data());
            case FLOAT64 -> new DoublePointer(p).get((double[]) out.data());
            case INT32 -> new IntPointer(p).get((int[]) out.data());
            case INT64 -> new LongPointer(p).get((long[]) out.data());
            case BOOL -> {
                byte[] bytes = new byte[out.size()];
                new BytePointer(p).get(bytes);
                boolean[] b = (boolean[]) out.data();
                for (int i = 0; i < bytes.length; i++) b[i] = bytes[i] != 0;
            }
        }
        return out;
    }

    /** Straight from native memory: a loss read per step need not go through a host array. */
    @Override public double item() {
        if (live().numel() != 1) return Tensor.super.item();   // the default's message
        return native_.item_double();
    }

    @Override public String toString() { return TensorFormat.format(this); }

    /** By the native value: enums returned from native code may be distinct instances (switch by ordinal fails). */
    static DType dtypeOf(ScalarType t) {
        if (t.value == ScalarType.Float.value) return DType.FLOAT32;
        if (t.value == ScalarType.Double.value) return DType.FLOAT64;
        if (t.value == ScalarType.Int.value) return DType.INT32;
        if (t.value == ScalarType.Long.value) return DType.INT64;
        if (t.value == ScalarType.Bool.value) return DType.BOOL;
        throw new UnsupportedOperationException("torch dtype " + t + " has no portable equivalent; cast to float32, float64, int32, int64 or bool");
    }

    static ScalarType scalarType(DType d) {
        return switch (d) {
            case FLOAT32 -> ScalarType.Float;
            case FLOAT64 -> ScalarType.Double;
            case INT32 -> ScalarType.Int;
            case INT64 -> ScalarType.Long;
            case BOOL -> ScalarType.Bool;
        };
    }
}
