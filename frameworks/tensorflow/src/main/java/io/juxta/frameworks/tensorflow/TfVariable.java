package io.juxta.frameworks.tensorflow;

import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.spi.VariableHandle;

import java.util.Arrays;

import org.tensorflow.Operand;
import org.tensorflow.op.Op;

/**
 * A portable {@link io.juxta.frameworks.Variable} stored as a graph variable of the backend's {@link StagedGraph}.
 * Inside a trace reads are graph nodes and assigns become run targets of the step; outside, both go through
 * the session at once.
 */
final class TfVariable implements VariableHandle {
    private final TfBackend backend;
    private final StagedVariable staged;

    TfVariable(TfBackend backend, StagedVariable staged) {
        this.backend = backend;
        this.staged = staged;
    }

    StagedVariable staged() { return staged; }

    @Override public Tensor read() {
        TraceContext trace = TraceContext.current();
        if (trace != null) return new TfTensor(backend, staged.value(), trace);
        return backend.ops().fromHost(toHost());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Override public void assign(Tensor value) {
        if (value.dtype() != TfTypes.dtype(staged.type())) {
            throw new IllegalArgumentException("variable " + staged.name() + " holds " + TfTypes.dtype(staged.type()) + ", cannot assign " + value.dtype());
        }
        TraceContext trace = TraceContext.current();
        if (trace == null) {
            load(value.toHost());
            return;
        }
        Operand<?> v = backend.tensorOps().operandOf(value);
        Op assign = trace.ops().assign(staged.variable(), (Operand) v);
        trace.addAssign(assign);
    }

    /** Traced: one AssignSub node (the same arithmetic as Sub then Assign, one node and buffer fewer). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    @Override public void assignSub(Tensor delta) {
        TraceContext trace = TraceContext.current();
        if (trace == null || delta.dtype() != TfTypes.dtype(staged.type())) {
            VariableHandle.super.assignSub(delta);    // eager, or a dtype error from assign
            return;
        }
        Operand<?> d = backend.tensorOps().operandOf(delta);
        trace.addAssign(trace.ops().assignSub(staged.variable(), (Operand) d));
    }

    /** Traced: one ApplyGradientDescent node, as TF's own optimizer builds (instead of Mul then AssignSub). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    @Override public void assignSubScaled(Tensor delta, Tensor scale) {
        TraceContext trace = TraceContext.current();
        io.juxta.frameworks.DType own = TfTypes.dtype(staged.type());
        if (trace == null || delta.dtype() != own || scale.dtype() != own) {
            VariableHandle.super.assignSubScaled(delta, scale);    // eager, or a dtype error from assign
            return;
        }
        Operand<?> d = backend.tensorOps().operandOf(delta), alpha = backend.tensorOps().operandOf(scale);
        trace.addAssign(trace.ops().train.applyGradientDescent((Operand) staged.variable(), (Operand) alpha, (Operand) d));
    }

    @Override public HostArray toHost() { return backend.graph().readWith(staged, TfTypes::toHost); }

    @Override public void load(HostArray value) {
        if (!Arrays.equals(value.shape(), TfTypes.dims(org.tensorflow.ndarray.Shape.of(staged.shape())))) {
            throw new IllegalArgumentException("variable " + staged.name() + " has shape " + Arrays.toString(staged.shape())
                    + ", the value " + Arrays.toString(value.shape()));
        }
        try (org.tensorflow.Tensor t = TfTypes.toTensor(value.astype(TfTypes.dtype(staged.type())))) {
            backend.graph().write(staged, t);
        }
    }
}
