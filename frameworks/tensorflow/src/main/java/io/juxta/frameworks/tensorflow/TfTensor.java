package io.juxta.frameworks.tensorflow;

import io.juxta.frameworks.Backend;
import io.juxta.frameworks.DType;
import io.juxta.frameworks.Device;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.MemoryScope;
import io.juxta.frameworks.SymbolicValueException;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.TensorFormat;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TType;

/**
 * A tensor of the TensorFlow backend: either eager (an {@code EagerSession} result with a value) or symbolic
 * (a node of the graph being traced, with a shape but no value until the step runs).
 */
final class TfTensor implements Tensor {
    private final TfBackend backend;
    private final Operand<? extends TType> operand;
    private final TraceContext trace;       // null for eager tensors
    private volatile boolean released;
    private TfTensor transposeOf;          // set when this is the matrix transpose of another tensor

    TfTensor(TfBackend backend, Operand<? extends TType> operand, TraceContext trace) {
        this.backend = backend;
        this.operand = operand;
        this.trace = trace;
    }

    @SuppressWarnings("unchecked")
    <T extends TType> Operand<T> operand() {
        if (released) {
            throw new IllegalStateException(MemoryScope.FREED_TENSOR);
        }
        return (Operand<T>) operand;
    }

    /** Marks an eager tensor whose native value its memory scope freed: later use is a clear error. */
    void markReleased() {
        if (trace == null) released = true;
    }

    TraceContext trace() { return trace; }

    /** The matrix this one transposes, so matmul can fold the transpose into its kernel; null if none. */
    TfTensor transposeOf() { return transposeOf == null || transposeOf.released ? null : transposeOf; }

    TfTensor markTransposeOf(TfTensor source) {
        transposeOf = source;
        return this;
    }

    @Override public Backend backend() { return backend; }

    @Override public int[] shape() { return TfTypes.dims(operand().shape()); }

    @Override public DType dtype() { return TfTypes.dtype(operand().type()); }

    @Override public Device device() { return Device.CPU; }

    @Override public boolean isSymbolic() { return trace != null; }

    @Override public HostArray toHost() {
        if (trace != null) throw new SymbolicValueException("the value of a " + io.juxta.frameworks.TensorFormat.shape(shape()) + " tensor");
        return EagerHandles.toHost(operand(), dtype(), shape());
    }

    @Override public String toString() { return TensorFormat.format(this); }
}
