package io.juxta.frameworks.tensorflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TType;

/**
 * One TensorFlow graph and its session: the graph of one compiled step or function (TF cannot delete nodes, so
 * each compiled program gets its own graph, freed with it). It holds a copy of every portable variable its code
 * touches ({@link #copyOf}); {@link TfVariable} tracks which copy is current and {@link #syncedSession} refreshes
 * stale ones before a run. Variables added with {@link #addVariable} are loaded from host values before the next run.
 */
final class StagedGraph implements AutoCloseable {
    private final Graph graph = new Graph();
    private final Ops tf = Ops.create(graph);
    private final Set<StagedVariable> variables = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<StagedVariable, Tensor> pendingLoads = new LinkedHashMap<>();
    private final Map<TfVariable, Copy> copies = new IdentityHashMap<>();
    private final List<AutoCloseable> closeWith = new ArrayList<>();
    private Session session;
    private boolean closed;

    /** This graph's copy of a portable variable and the variable version it holds (-1: not loaded yet). */
    private static final class Copy {
        final StagedVariable node;
        long version = -1;

        Copy(StagedVariable node) { this.node = node; }
    }

    public StagedGraph() {
        MissingGradients.register();
    }

    public Ops ops() { return tf; }

    public Graph graph() { return graph; }

    /**
     * Adds a variable of any type, loaded from {@code initial} before the next run; takes ownership of
     * {@code initial} and closes it once loaded.
     */
    public <T extends TType> StagedVariable addVariable(String name, Class<T> type, Tensor initial) {
        StagedVariable p = declare(name, type, initial.shape().asArray());
        pendingLoads.put(p, initial);
        return p;
    }

    private <T extends TType> StagedVariable declare(String name, Class<T> type, long[] shape) {
        requireOpen();
        Ops scope = tf.withSubScope("var").withSubScope(name.replaceAll("[^A-Za-z0-9_.\\-/]", "_"));
        Variable<T> v = scope.withName("variable").variable(Shape.of(shape), type);
        Placeholder<T> feed = scope.withName("host").placeholder(type, Placeholder.shape(Shape.of(shape)));
        StagedVariable p = new StagedVariable(name, v, scope.withName("read").identity(v), feed,
                scope.withName("load").assign(v, feed), shape);
        variables.add(p);
        return p;
    }

    /** This graph's copy of {@code v}, declared on first use (while tracing); loaded before the next run. */
    StagedVariable copyOf(TfVariable v) {
        Copy c = copies.get(v);
        if (c == null) {
            c = new Copy(declare(v.name(), v.type(), v.shape()));
            copies.put(v, c);
            v.heldBy(this);
        }
        return c.node;
    }

    /** This graph's copy of {@code v}, or null if its code never touched it. */
    StagedVariable existingCopyOf(TfVariable v) {
        Copy c = copies.get(v);
        return c == null ? null : c.node;
    }

    /** The version of {@code v} this graph's copy holds; -1 if none or not loaded. */
    long versionOf(TfVariable v) {
        Copy c = copies.get(v);
        return c == null ? -1 : c.version;
    }

    /** After a run that assigned {@code written}: this graph holds their newest values, every other copy is stale. */
    void wrote(List<TfVariable> written) {
        for (TfVariable v : written) copies.get(v).version = v.newVersion();
    }

    /** Reads the current values of {@code vs} (all held current here) in one run, as new tensors the caller owns. */
    List<Tensor> fetch(List<TfVariable> vs) {
        Session.Runner runner = session().runner();
        for (TfVariable v : vs) runner.fetch(copies.get(v).node.variable());
        Result r = runner.run();    // not closed: closing a Result only closes its tensors, which go to the caller
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < vs.size(); i++) out.add(r.get(i));
        return out;
    }

    /** Closes {@code resource} (e.g. kept feed tensors) together with this graph. */
    void closeWith(AutoCloseable resource) { closeWith.add(resource); }

    /** Hands the variable's current value to {@code reader}; the tensor is closed afterwards. */
    public <R> R readWith(StagedVariable p, java.util.function.Function<Tensor, R> reader) {
        requireKnown(p);
        try (Result r = session().runner().fetch(p.variable()).run()) {
            return reader.apply(r.get(0));
        }
    }

    /** Overwrites a variable with the value of {@code value} (same type and shape; the caller keeps ownership). */
    public void write(StagedVariable p, Tensor value) {
        requireKnown(p);
        if (!java.util.Arrays.equals(value.shape().asArray(), p.shape())) {
            throw new IllegalArgumentException("variable " + p.name() + " has shape " + Shape.of(p.shape()) + ", the value " + value.shape());
        }
        session().runner().feed(p.hostValue(), value).addTarget(p.load()).run().close();
    }

    /** Every operation {@code output} depends on through data edges, itself included. */
    static Set<GraphOperation> upstreamOf(Operand<?> output) {
        Set<GraphOperation> seen = new HashSet<>();
        Deque<GraphOperation> todo = new ArrayDeque<>();
        todo.push((GraphOperation) output.op());
        while (!todo.isEmpty()) {
            GraphOperation op = todo.pop();
            if (!seen.add(op)) continue;
            for (int i = 0; i < op.numInputs(); i++) todo.push((GraphOperation) op.input(i).op());
        }
        return seen;
    }

    /** The session, created on first use; loads host values into variables added since the last run. */
    public synchronized Session session() {
        requireOpen();
        if (session == null) session = new Session(graph);
        if (!pendingLoads.isEmpty()) {
            Session.Runner runner = session.runner();
            pendingLoads.forEach((v, t) -> runner.feed(v.hostValue(), t).addTarget(v.load()));
            runner.run().close();
            pendingLoads.values().forEach(Tensor::close);
            pendingLoads.clear();
        }
        return session;
    }

    /**
     * The session after loading the current value of every portable variable whose copy here is stale (written
     * since by another graph or from the host), all in one run. The caller holds the backend's staging lock.
     */
    Session syncedSession() {
        Session s = session();
        List<TfVariable> stale = new ArrayList<>();
        copies.forEach((v, c) -> { if (c.version != v.version()) stale.add(v); });
        if (stale.isEmpty()) return s;
        TfVariable.refreshHostCopies(stale);
        Session.Runner runner = s.runner();
        for (TfVariable v : stale) {
            Copy c = copies.get(v);
            runner.feed(c.node.hostValue(), v.hostCopy()).addTarget(c.node.load());
        }
        runner.run().close();
        for (TfVariable v : stale) copies.get(v).version = v.version();
        return s;
    }

    boolean isClosed() { return closed; }

    void requireOpen() {
        if (closed) throw new IllegalStateException("This compiled step or function was closed (its graph is freed): compile it again");
    }

    private void requireKnown(StagedVariable p) {
        if (!variables.contains(p)) throw new IllegalArgumentException("variable " + p.name() + " belongs to another staged graph");
    }

    /**
     * Frees the graph and session. Values only this graph holds are first copied to the host, so no variable
     * loses its value. The caller holds the backend's staging lock (or no portable variable was ever copied here).
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        try {
            List<TfVariable> onlyHere = new ArrayList<>();
            copies.forEach((v, c) -> { if (c.version == v.version() && v.onlyCurrentCopyIn(this)) onlyHere.add(v); });
            if (!onlyHere.isEmpty()) TfVariable.keepHostCopies(onlyHere, fetch(onlyHere));
        } finally {
            closed = true;
            copies.keySet().forEach(v -> v.releasedBy(this));
            copies.clear();
            for (AutoCloseable c : closeWith) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing kept host tensors cannot fail in a way worth reporting over the graph's own release
                }
            }
            pendingLoads.values().forEach(Tensor::close);
            pendingLoads.clear();
            if (session != null) session.close();
            graph.close();
        }
    }
}
