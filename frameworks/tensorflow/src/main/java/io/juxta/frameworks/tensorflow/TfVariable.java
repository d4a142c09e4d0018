package io.juxta.frameworks.tensorflow;

import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.spi.VariableHandle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TType;

/**
 * A portable {@link io.juxta.frameworks.Variable} on the staged backend. Each compiled step or function has its own
 * graph ({@link StagedGraph}) with its own copy of the variable; a version number says which copies are current:
 * every write (a step's assign, or an eager load) makes a new version, held by the writer alone. A graph loads the
 * current value before it runs if its copy is stale, from a host copy or from the graph that wrote it last.
 * Inside a trace reads are graph nodes and assigns become run targets of the step; outside, both go at once.
 * All bookkeeping happens under the backend's staging lock.
 */
final class TfVariable implements VariableHandle {
    private final TfBackend backend;
    private final String name;
    private final Class<? extends TType> type;
    private final long[] shape;
    private final List<StagedGraph> holders = new ArrayList<>();
    private long version;
    private org.tensorflow.Tensor host;     // a host copy at hostVersion, or null
    private long hostVersion;

    /** Takes ownership of {@code initial}. */
    TfVariable(TfBackend backend, String name, Class<? extends TType> type, org.tensorflow.Tensor initial) {
        this.backend = backend;
        this.name = name;
        this.type = type;
        this.shape = initial.shape().asArray();
        this.host = initial;
    }

    String name() { return name; }

    Class<? extends TType> type() { return type; }

    long[] shape() { return shape.clone(); }

    long version() { return version; }

    /** A graph wrote this variable: its value is a new version, held only there. */
    long newVersion() {
        version++;
        dropHostCopy();
        return version;
    }

    void heldBy(StagedGraph g) { holders.add(g); }

    void releasedBy(StagedGraph g) { holders.remove(g); }

    /** True if {@code g} holds the current value and neither the host nor another graph does. */
    boolean onlyCurrentCopyIn(StagedGraph g) {
        if (host != null && hostVersion == version) return false;
        for (StagedGraph h : holders) if (h != g && h.versionOf(this) == version) return false;
        return g.versionOf(this) == version;
    }

    /** The current value as a host tensor; {@link #refreshHostCopies} must have made it current. */
    org.tensorflow.Tensor hostCopy() {
        if (host == null || hostVersion != version) throw new IllegalStateException("variable " + name + " has no current host copy");
        return host;
    }

    /** Makes each variable's host copy current, fetching the values from the graphs that wrote them (one run per graph). */
    static void refreshHostCopies(List<TfVariable> vs) {
        Map<StagedGraph, List<TfVariable>> bySource = new LinkedHashMap<>();
        for (TfVariable v : vs) {
            if (v.host != null && v.hostVersion == v.version) continue;
            StagedGraph source = null;
            for (StagedGraph h : v.holders) if (h.versionOf(v) == v.version) source = h;
            if (source == null) throw new IllegalStateException("variable " + v.name + " lost its value (no current copy)");
            bySource.computeIfAbsent(source, s -> new ArrayList<>()).add(v);
        }
        bySource.forEach((source, group) -> keepHostCopies(group, source.fetch(group)));
    }

    /** Stores {@code values} (owned, current) as the host copies of {@code vs}. */
    static void keepHostCopies(List<TfVariable> vs, List<org.tensorflow.Tensor> values) {
        for (int i = 0; i < vs.size(); i++) {
            TfVariable v = vs.get(i);
            v.dropHostCopy();
            v.host = values.get(i);
            v.hostVersion = v.version;
        }
    }

    private void dropHostCopy() {
        if (host != null) host.close();
        host = null;
    }

    @Override public Tensor read() {
        TraceContext trace = TraceContext.current();
        if (trace != null) return new TfTensor(backend, trace.graph().copyOf(this).value(), trace);
        return backend.ops().fromHost(toHost());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Override public void assign(Tensor value) {
        if (value.dtype() != TfTypes.dtype(type)) {
            throw new IllegalArgumentException("variable " + name + " holds " + TfTypes.dtype(type) + ", cannot assign " + value.dtype());
        }
        TraceContext trace = TraceContext.current();
        if (trace == null) {
            load(value.toHost());
            return;
        }
        Operand<?> v = backend.tensorOps().operandOf(value);
        trace.addAssign(this, trace.ops().assign(trace.graph().copyOf(this).variable(), (Operand) v));
    }

    /** Traced: one AssignSub node (the same arithmetic as Sub then Assign, one node and buffer fewer). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    @Override public void assignSub(Tensor delta) {
        TraceContext trace = TraceContext.current();
        if (trace == null || delta.dtype() != TfTypes.dtype(type)) {
            VariableHandle.super.assignSub(delta);    // eager, or a dtype error from assign
            return;
        }
        Operand<?> d = backend.tensorOps().operandOf(delta);
        trace.addAssign(this, trace.ops().assignSub(trace.graph().copyOf(this).variable(), (Operand) d));
    }

    /** Traced: one ApplyGradientDescent node, as TF's own optimizer builds (instead of Mul then AssignSub). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    @Override public void assignSubScaled(Tensor delta, Tensor scale) {
        TraceContext trace = TraceContext.current();
        io.juxta.frameworks.DType own = TfTypes.dtype(type);
        if (trace == null || delta.dtype() != own || scale.dtype() != own) {
            VariableHandle.super.assignSubScaled(delta, scale);    // eager, or a dtype error from assign
            return;
        }
        Operand<?> d = backend.tensorOps().operandOf(delta), alpha = backend.tensorOps().operandOf(scale);
        trace.addAssign(this, trace.ops().train.applyGradientDescent((Operand) trace.graph().copyOf(this).variable(), (Operand) alpha, (Operand) d));
    }

    @Override public HostArray toHost() {
        synchronized (backend.staging()) {
            refreshHostCopies(List.of(this));
            return TfTypes.toHost(host);
        }
    }

    @Override public void load(HostArray value) {
        if (!Arrays.equals(value.shape(), TfTypes.dims(org.tensorflow.ndarray.Shape.of(shape)))) {
            throw new IllegalArgumentException("variable " + name + " has shape " + Arrays.toString(shape)
                    + ", the value " + Arrays.toString(value.shape()));
        }
        org.tensorflow.Tensor t = TfTypes.toTensor(value.astype(TfTypes.dtype(type)));
        synchronized (backend.staging()) {
            newVersion();
            host = t;
            hostVersion = version;
        }
    }

    /** For tests: how many open graphs hold a copy. */
    int holderCount() {
        synchronized (backend.staging()) {
            return holders.size();
        }
    }
}
