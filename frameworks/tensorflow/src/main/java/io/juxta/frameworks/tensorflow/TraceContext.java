package io.juxta.frameworks.tensorflow;

import java.util.ArrayList;
import java.util.List;

import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;

/**
 * The graph trace running on this thread: while one is open, every op of the TF backend emits graph nodes
 * instead of running eagerly, and variable assigns become run targets of the step.
 */
final class TraceContext implements AutoCloseable {
    private static final ThreadLocal<TraceContext> CURRENT = new ThreadLocal<>();

    private final StagedGraph graph;
    private final Ops forward;
    private Ops ops;
    private final List<Op> assigns = new ArrayList<>();
    private final List<TfVariable> written = new ArrayList<>();
    private final TraceContext outer;

    private TraceContext(StagedGraph graph, Ops forward) {
        this.graph = graph;
        this.forward = forward;
        this.ops = forward;
        this.outer = CURRENT.get();
        if (outer != null) throw new IllegalStateException("a step is already being traced on this thread: compiled steps cannot nest");
        CURRENT.set(this);
    }

    /** Opens a trace into {@code graph}, emitting nodes through {@code graphOps} (a sub-scope of the graph's ops). */
    static TraceContext open(StagedGraph graph, Ops graphOps) { return new TraceContext(graph, graphOps); }

    /** The graph this trace emits into; variables read or assigned here get their copy in it. */
    StagedGraph graph() { return graph; }

    /** The open trace of this thread, or null when ops run eagerly. */
    static TraceContext current() { return CURRENT.get(); }

    /** Ops for new nodes: after {@link #orderAfter} they carry control dependencies. */
    Ops ops() { return ops; }

    /** Every node created from now on runs only after {@code ops} (the gradients, so no assign overwrites a weight they read). */
    void orderAfter(Iterable<Op> before) { ops = forward.withControlDependencies(before); }

    void addAssign(TfVariable target, Op assign) {
        assigns.add(assign);
        if (!written.contains(target)) written.add(target);
    }

    /** The variables the traced assigns write, once each. */
    List<TfVariable> written() { return List.copyOf(written); }

    List<Op> assigns() { return List.copyOf(assigns); }

    @Override public void close() {
        if (CURRENT.get() == this) CURRENT.remove();
    }
}
