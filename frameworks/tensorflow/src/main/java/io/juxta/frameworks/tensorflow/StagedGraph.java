package io.juxta.frameworks.tensorflow;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
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
 * The TensorFlow graph and session of the backend: variables loaded from host arrays, plus every traced step
 * and function, which extend the same graph and share the variables. New variables are loaded before the next
 * run, so a trace may create them (optimizer slots) after the session exists.
 */
final class StagedGraph implements AutoCloseable {
    private final Graph graph = new Graph();
    private final Ops tf = Ops.create(graph);
    private final Set<StagedVariable> variables = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<StagedVariable, Tensor> pendingLoads = new LinkedHashMap<>();
    private Session session;

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
        long[] shape = initial.shape().asArray();
        Ops scope = tf.withSubScope("var").withSubScope(name.replaceAll("[^A-Za-z0-9_.\\-/]", "_"));
        Variable<T> v = scope.withName("variable").variable(Shape.of(shape), type);
        Placeholder<T> feed = scope.withName("host").placeholder(type, Placeholder.shape(Shape.of(shape)));
        StagedVariable p = new StagedVariable(name, v, scope.withName("read").identity(v), feed,
                scope.withName("load").assign(v, feed), shape);
        variables.add(p);
        pendingLoads.put(p, initial);
        return p;
    }

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

    /** The session, created on first use; loads host values into weights created since the last run. */
    public synchronized Session session() {
        if (session == null) session = new Session(graph);
        if (!pendingLoads.isEmpty()) {
            for (Map.Entry<StagedVariable, Tensor> e : pendingLoads.entrySet()) {
                try (Tensor t = e.getValue()) {
                    session.runner().feed(e.getKey().hostValue(), t).addTarget(e.getKey().load()).run().close();
                }
            }
            pendingLoads.clear();
        }
        return session;
    }

    private void requireKnown(StagedVariable p) {
        if (!variables.contains(p)) throw new IllegalArgumentException("variable " + p.name() + " belongs to another staged graph");
    }

    @Override
    public synchronized void close() {
        pendingLoads.values().forEach(Tensor::close);
        pendingLoads.clear();
        if (session != null) session.close();
        graph.close();
    }
}
