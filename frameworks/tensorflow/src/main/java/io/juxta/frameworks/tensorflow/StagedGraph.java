package io.juxta.frameworks.tensorflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * A model staged into one TensorFlow {@link Graph}: its parameters as graph variables loaded from host arrays,
 * the optimizers' state, and one {@link CompiledStep} per input signature, all run in a single {@link Session}.
 * Traces for new signatures extend the same graph and share the variables.
 */
public final class StagedGraph implements AutoCloseable, GraphOptimizer.SlotStore {


    private final Graph graph = new Graph();
    private final Ops tf = Ops.create(graph);
    private final List<StagedParameter> parameters = new ArrayList<>();
    private final Map<StagedParameter, Map<String, Variable<TFloat32>>> slots = new IdentityHashMap<>();
    private final Map<GraphOptimizer, List<Placeholder<TFloat32>>> optimizerScalars = new IdentityHashMap<>();
    private final Map<Object, CompiledStep> steps = new HashMap<>();
    private final Map<StagedParameter, Tensor> pendingLoads = new LinkedHashMap<>();
    private final List<Op> pendingSlotResets = new ArrayList<>();
    private Session session;
    private int traceCount;

    public StagedGraph() {
        MissingGradients.register();
    }

    public Ops ops() { return tf; }

    public Graph graph() { return graph; }

    /** Adds a float32 weight initialised from host values (row-major). */
    public StagedParameter addParameter(String name, float[] values, long... shape) {
        Objects.requireNonNull(values, "values");
        return addVariable(name, TFloat32.class, HostTensors.floats(values, shape));
    }

    /**
     * Adds a variable of any type, loaded from {@code initial} before the next run; takes ownership of
     * {@code initial} and closes it once loaded.
     */
    public <T extends TType> StagedParameter addVariable(String name, Class<T> type, Tensor initial) {
        long[] shape = initial.shape().asArray();
        Ops scope = tf.withSubScope("var").withSubScope(name.replaceAll("[^A-Za-z0-9_.\\-/]", "_"));
        Variable<T> v = scope.withName("variable").variable(Shape.of(shape), type);
        Placeholder<T> feed = scope.withName("host").placeholder(type, Placeholder.shape(Shape.of(shape)));
        StagedParameter p = new StagedParameter(name, v, scope.withName("read").identity(v), feed,
                scope.withName("load").assign(v, feed), shape);
        parameters.add(p);
        pendingLoads.put(p, initial);
        return p;
    }

    public List<StagedParameter> parameters() { return List.copyOf(parameters); }

    /** Copies a weight's current value to the host. */
    public float[] read(StagedParameter p) {
        return readWith(p, HostTensors::toFloats);
    }

    /** Hands the variable's current value to {@code reader}; the tensor is closed afterwards. */
    public <R> R readWith(StagedParameter p, java.util.function.Function<Tensor, R> reader) {
        requireKnown(p);
        try (Result r = session().runner().fetch(p.variable()).run()) {
            return reader.apply(r.get(0));
        }
    }

    /** Overwrites a weight with host values (for example weights copied from the other framework). */
    public void write(StagedParameter p, float[] values) {
        try (TFloat32 t = HostTensors.floats(values, p.shape())) {
            write(p, t);
        }
    }

    /** Overwrites a variable with the value of {@code value} (same type and shape; the caller keeps ownership). */
    public void write(StagedParameter p, Tensor value) {
        requireKnown(p);
        if (!java.util.Arrays.equals(value.shape().asArray(), p.shape())) {
            throw new IllegalArgumentException("variable " + p.name() + " has shape " + Shape.of(p.shape()) + ", the value " + value.shape());
        }
        session().runner().feed(p.hostValue(), value).addTarget(p.load()).run().close();
    }

    @Override
    public Variable<TFloat32> slot(StagedParameter p, String name) {
        return slots.computeIfAbsent(p, k -> new HashMap<>()).computeIfAbsent(name, n -> {
            requireKnown(p);
            Ops scope = tf.withSubScope("slot").withSubScope(p.name().replaceAll("[^A-Za-z0-9_.\\-/]", "_")).withSubScope(n);
            Variable<TFloat32> s = scope.variable(Shape.of(p.shape()), TFloat32.class);
            pendingSlotResets.add(scope.assign(s, scope.zeros(scope.constant(Shape.of(p.shape())), TFloat32.class)));
            return s;
        });
    }

    /** The training step for this signature: traced, differentiated and given the optimizer's update on first use. */
    public CompiledStep trainStep(StepSignature signature, StepTrace trace, GraphOptimizer optimizer) {
        Objects.requireNonNull(optimizer, "optimizer");
        return steps.computeIfAbsent(List.of("train", signature, trace, optimizer), k -> compile(signature, trace, optimizer));
    }

    /** A step that only evaluates the traced outputs (evaluation, prediction). */
    public CompiledStep forwardStep(StepSignature signature, StepTrace trace) {
        return steps.computeIfAbsent(List.of("forward", signature, trace), k -> compile(signature, trace, null));
    }

    /** Number of distinct step graphs traced so far. */
    public int traceCount() { return traceCount; }

    private CompiledStep compile(StepSignature signature, StepTrace trace, GraphOptimizer optimizer) {
        Ops scope = tf.withSubScope((optimizer == null ? "forward" : "train") + traceCount++);
        List<Placeholder<?>> inputs = new ArrayList<>();
        for (StepSignature.Input in : signature.inputs()) {
            inputs.add(scope.placeholder(in.type(), Placeholder.shape(Shape.of(in.shape()))));
        }
        List<Operand<?>> fetches = trace.trace(scope, List.copyOf(inputs));
        if (fetches.isEmpty()) throw new IllegalArgumentException("a step must return at least one output");
        if (optimizer == null) return new CompiledStep(this, signature, inputs, fetches, null, null, List.of());

        Operand<?> loss = fetches.get(0);
        if (loss.type() != TFloat32.class || loss.shape().numDimensions() != 0) {
            throw new IllegalArgumentException("the loss must be a float32 scalar, got " + loss.type().getSimpleName() + loss.shape());
        }
        // differentiate with respect to each weight's read (an Identity): some C++ gradients break on ref-typed inputs
        Set<GraphOperation> upstream = upstreamOf(loss);
        List<StagedParameter> trained = new ArrayList<>();
        for (StagedParameter p : parameters) {
            if (p.type() == TFloat32.class && upstream.contains((GraphOperation) p.value().op())) trained.add(p);
        }
        if (trained.isEmpty()) throw new IllegalArgumentException("the loss does not depend on any parameter: nothing to train");
        Output<?>[] xs = new Output<?>[trained.size()];
        for (int i = 0; i < xs.length; i++) xs[i] = trained.get(i).value().asOutput();
        Output<?>[] dxs = graph.addGradients(loss.asOutput(), xs);
        List<Operand<TFloat32>> grads = new ArrayList<>();
        List<Op> after = new ArrayList<>(fetches);
        for (Output<?> dx : dxs) {
            grads.add(dx.expect(TFloat32.class));
            after.add(dx);
        }
        List<Placeholder<TFloat32>> scalarFeeds = optimizerScalars.computeIfAbsent(optimizer, o -> {
            List<Placeholder<TFloat32>> feeds = new ArrayList<>();
            Ops hs = tf.withSubScope("hyper");
            for (String n : o.scalarNames()) feeds.add(hs.withName(n).placeholder(TFloat32.class, Placeholder.shape(Shape.scalar())));
            return feeds;
        });
        // every weight is read by the forward pass and the gradients before any update overwrites it
        Ops updateScope = scope.withSubScope("update").withControlDependencies(after);
        List<Op> updates = optimizer.buildUpdate(updateScope, trained, grads, List.copyOf(scalarFeeds), this);
        Op update = updateScope.withControlDependencies(updates).noOp();
        return new CompiledStep(this, signature, inputs, fetches, update, optimizer, scalarFeeds);
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
            for (Map.Entry<StagedParameter, Tensor> e : pendingLoads.entrySet()) {
                try (Tensor t = e.getValue()) {
                    session.runner().feed(e.getKey().hostValue(), t).addTarget(e.getKey().load()).run().close();
                }
            }
            pendingLoads.clear();
        }
        if (!pendingSlotResets.isEmpty()) {
            Session.Runner r = session.runner();
            pendingSlotResets.forEach(r::addTarget);
            r.run().close();
            pendingSlotResets.clear();
        }
        return session;
    }

    private void requireKnown(StagedParameter p) {
        if (!parameters.contains(p)) throw new IllegalArgumentException("parameter " + p.name() + " belongs to another staged graph");
    }

    @Override
    public synchronized void close() {
        pendingLoads.values().forEach(Tensor::close);
        pendingLoads.clear();
        if (session != null) session.close();
        graph.close();
    }
}
