package io.juxta.frameworks.tensorflow;

import io.juxta.frameworks.Batch;
import io.juxta.frameworks.DType;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.HostBatch;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.Variable;
import io.juxta.frameworks.spi.CompiledFunction;
import io.juxta.frameworks.spi.GradientResult;
import io.juxta.frameworks.spi.InferenceFunction;
import io.juxta.frameworks.spi.Objective;
import io.juxta.frameworks.spi.ScalarFunction;
import io.juxta.frameworks.spi.StepOutput;
import io.juxta.frameworks.spi.StepResult;
import io.juxta.frameworks.spi.TrainStep;
import io.juxta.frameworks.spi.UpdateRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;

/**
 * Turns step code into graph runs. Each compiled step, function or gradient computation gets its own
 * {@link StagedGraph}, freed by {@code close()} or, once the program is unreachable, by a cleaner. On the first call
 * for an input signature (entry names, dtypes, shapes with the batch dimension unknown) the code runs once on
 * symbolic tensors inside a {@link TraceContext}; the gradients come from {@code Graph.addGradients}; the update
 * rule is traced after all gradients. Later calls only bring stale variable copies up to date, feed, run and fetch,
 * and close every native result. Runs and traces hold the backend's staging lock.
 */
final class TfStepCompiler {
    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

    private final TfBackend backend;
    private int traces;

    TfStepCompiler(TfBackend backend) { this.backend = backend; }

    /** Names, dtypes and shapes of a batch, with the leading (batch) dimension of non-scalars unknown. */
    record Signature(List<String> names, List<DType> dtypes, List<List<Integer>> shapes) {
        static Signature of(HostBatch batch) {
            List<String> names = new ArrayList<>();
            List<DType> dtypes = new ArrayList<>();
            List<List<Integer>> shapes = new ArrayList<>();
            batch.entries().forEach((name, a) -> {
                names.add(name);
                dtypes.add(a.dtype());
                int[] s = a.shape();
                if (s.length > 0) s[0] = -1;
                shapes.add(Arrays.stream(s).boxed().toList());
            });
            return new Signature(names, dtypes, shapes);
        }
    }

    /** The placeholders of one trace and the symbolic batch built on them. */
    private final class Inputs {
        final Map<String, Placeholder<?>> placeholders = new LinkedHashMap<>();
        final Batch batch;

        Inputs(Signature sig, Ops tf, TraceContext trace) {
            trace.graph().closeWith(this::closeKept);
            Map<String, Tensor> entries = new LinkedHashMap<>();
            for (int i = 0; i < sig.names().size(); i++) {
                long[] shape = sig.shapes().get(i).stream().mapToLong(Integer::longValue).toArray();
                Placeholder<?> p = tf.placeholder(TfTypes.tfType(sig.dtypes().get(i)), Placeholder.shape(org.tensorflow.ndarray.Shape.of(shape)));
                placeholders.put(sig.names().get(i), p);
                entries.put(sig.names().get(i), new TfTensor(backend, p, trace));
            }
            batch = new Batch(entries);
        }

        /** One kept host tensor per placeholder: each run copies the batch into it instead of allocating a new one. */
        private final Map<String, org.tensorflow.Tensor> kept = new HashMap<>();

        /**
         * Feeds the host batch through the kept tensors (re-allocated when a shape changes, e.g. the last batch of
         * an epoch). The caller holds this object's lock until the run's results are read.
         */
        private void closeKept() {
            kept.values().forEach(org.tensorflow.Tensor::close);
            kept.clear();
        }

        void feed(Session.Runner runner, HostBatch host) {
            for (Map.Entry<String, Placeholder<?>> e : placeholders.entrySet()) {
                HostArray a = host.get(e.getKey());
                org.tensorflow.Tensor t = kept.get(e.getKey());
                if (t == null || !Arrays.equals(TfTypes.dims(t.shape()), a.shape())) {
                    if (t != null) t.close();
                    t = TfTypes.toTensor(a);
                    kept.put(e.getKey(), t);
                } else {
                    TfTypes.copyInto(a, t);
                }
                runner.feed(e.getValue(), t);
            }
        }
    }

    /** A traced training step for one signature. */
    private record TracedTrain(Inputs inputs, Operand<?> loss, Map<String, Operand<?>> metrics, List<Op> targets, List<TfVariable> written) {}

    /** A traced inference function for one signature. */
    private record TracedFunction(Inputs inputs, Map<String, Operand<?>> outputs) {}

    TrainStep compileTrainStep(Objective objective, List<Variable> trainable, UpdateRule update) {
        StagedGraph graph = backend.newGraph();
        Map<Signature, TracedTrain> cache = new HashMap<>();
        List<Variable> vars = List.copyOf(trainable);
        TrainStep step = new TrainStep() {
            @Override public StepResult run(HostBatch host) {
                synchronized (backend.staging()) {
                    graph.requireOpen();
                    TracedTrain traced = cache.computeIfAbsent(Signature.of(host), sig -> traceTrain(graph, sig, objective, vars, update));
                    Session.Runner runner = graph.syncedSession().runner();
                    traced.inputs().feed(runner, host);
                    runner.fetch(traced.loss());
                    traced.metrics().values().forEach(runner::fetch);
                    traced.targets().forEach(runner::addTarget);
                    // before the run: if it fails or is stopped half-way, this graph's copies are still the ones to trust
                    graph.wrote(traced.written());
                    try (Result r = TfErrors.run(runner)) {
                        double loss = TfTypes.toHost(r.get(0)).get(0);
                        Map<String, Double> metrics = new LinkedHashMap<>();
                        int i = 1;
                        for (String name : traced.metrics().keySet()) metrics.put(name, TfTypes.toHost(r.get(i++)).get(0));
                        return new StepResult(loss, metrics);
                    }
                }
            }

            @Override public void close() { backend.closeGraph(graph); }
        };
        freeWhenUnreachable(step, graph);
        return step;
    }

    /** The cleaner's action holds only the graph (never {@code program}), so the program can become unreachable. */
    private void freeWhenUnreachable(Object program, StagedGraph graph) {
        TfBackend b = backend;
        CLEANER.register(program, () -> b.closeGraph(graph));
    }

    /** Layer code reaches its backend through {@code Backends.current()}, so a trace only makes sense while tf is selected. */
    private void requireSelected(String what) {
        String current = io.juxta.frameworks.Backends.currentName();
        if (!current.equals(backend.name())) {
            throw new IllegalStateException(what + " was compiled on the tf backend, but the selected backend is " + current
                    + " and this batch needs a new trace: run %tf (Backends.use(\"tf\")) first, or compile the step again on " + current + ".");
        }
    }

    private TracedTrain traceTrain(StagedGraph graph, Signature sig, Objective objective, List<Variable> trainable, UpdateRule update) {
        requireSelected("This training step");
        Ops tf = graph.ops().withSubScope("train" + traces++);
        try (TraceContext trace = TraceContext.open(graph, tf)) {
            Inputs inputs = new Inputs(sig, tf, trace);
            StepOutput out = objective.compute(inputs.batch);
            Operand<?> loss = scalarOutput("the loss", out.loss(), trace);
            Map<String, Operand<?>> metrics = new LinkedHashMap<>();
            out.metrics().forEach((name, m) -> metrics.put(name, scalarOutput("metric '" + name + "'", m, trace)));

            List<Tensor> grads = gradients(loss, trainable, trace);
            TrainStep.requireSomeGradient(grads);
            List<Op> before = new ArrayList<>();
            before.add(loss);
            before.addAll(metrics.values());
            for (Tensor g : grads) if (g != null) before.add(((TfTensor) g).operand());
            trace.orderAfter(before);
            update.apply(trainable, grads, inputs.batch);
            // one NoOp after every assign, as TF's optimizers group their updates: one run target instead of one per variable
            List<Op> assigns = trace.assigns();
            List<Op> targets = assigns.size() <= 1 ? assigns : List.of(tf.withControlDependencies(assigns).withName("update").noOp());
            return new TracedTrain(inputs, loss, metrics, targets, trace.written());
        }
    }

    /** d loss / d variable for each variable, null where the loss does not depend on it. */
    private List<Tensor> gradients(Operand<?> loss, List<Variable> variables, TraceContext trace) {
        Set<GraphOperation> upstream = StagedGraph.upstreamOf(loss);
        List<Output<?>> xs = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            StagedVariable copy = trace.graph().existingCopyOf((TfVariable) variables.get(i).handle());
            Operand<?> read = copy == null ? null : copy.value();
            if (read != null && upstream.contains((GraphOperation) read.op())) {
                xs.add(read.asOutput());
                at.add(i);
            }
        }
        List<Tensor> grads = new ArrayList<>(java.util.Collections.nCopies(variables.size(), (Tensor) null));
        if (xs.isEmpty()) return grads;
        Output<?>[] dxs = trace.graph().graph().addGradients(loss.asOutput(), xs.toArray(new Output<?>[0]));
        for (int k = 0; k < dxs.length; k++) grads.set(at.get(k), new TfTensor(backend, dxs[k], trace));
        return grads;
    }

    private Operand<?> scalarOutput(String what, Tensor t, TraceContext trace) {
        if (t == null) throw new IllegalArgumentException(what + " is null: the step must return a tensor");
        Operand<?> o = backend.tensorOps().operandOf(t);
        if (o.shape().numDimensions() != 0) {
            throw new IllegalArgumentException(what + " must be a scalar, got shape " + io.juxta.frameworks.TensorFormat.shape(t.shape()) + ": reduce it, e.g. with .mean()");
        }
        return o;
    }

    CompiledFunction compileFunction(InferenceFunction function) {
        StagedGraph graph = backend.newGraph();
        Map<Signature, TracedFunction> cache = new HashMap<>();
        CompiledFunction compiled = new CompiledFunction() {
            @Override public Map<String, HostArray> run(HostBatch host) {
                synchronized (backend.staging()) {
                    graph.requireOpen();
                    TracedFunction f = cache.computeIfAbsent(Signature.of(host), sig -> traceFunction(graph, sig, function));
                    Session.Runner runner = graph.syncedSession().runner();
                    f.inputs().feed(runner, host);
                    f.outputs().values().forEach(runner::fetch);
                    try (Result r = TfErrors.run(runner)) {
                        Map<String, HostArray> out = new LinkedHashMap<>();
                        int i = 0;
                        for (String name : f.outputs().keySet()) out.put(name, TfTypes.toHost(r.get(i++)));
                        return out;
                    }
                }
            }

            @Override public void close() { backend.closeGraph(graph); }
        };
        freeWhenUnreachable(compiled, graph);
        return compiled;
    }

    private TracedFunction traceFunction(StagedGraph graph, Signature sig, InferenceFunction function) {
        requireSelected("This function");
        Ops tf = graph.ops().withSubScope("function" + traces++);
        try (TraceContext trace = TraceContext.open(graph, tf)) {
            Inputs inputs = new Inputs(sig, tf, trace);
            Map<String, Operand<?>> outputs = new LinkedHashMap<>();
            function.apply(inputs.batch).forEach((name, t) -> outputs.put(name, backend.tensorOps().operandOf(t)));
            if (!trace.assigns().isEmpty()) {
                throw new UnsupportedOperationException("an inference function assigned variables; assigns run only in training steps on the tf backend");
            }
            return new TracedFunction(inputs, outputs);
        }
    }

    /** A traced gradient computation: the value, and d value / d candidate for the candidates it reaches. */
    private record TracedGradients(StagedGraph graph, Inputs inputs, Operand<?> value, Output<?>[] dxs, List<Integer> reached) {}

    /** Key of a traced gradient computation: the same function object, batch signature and targets reuse it. */
    private record GradientKey(ScalarFunction function, Signature signature, List<String> wrtInputs, List<Variable> wrtVariables) {}

    // bounded: an evicted entry's graph is freed, so a new function per call (a fresh lambda) cannot grow memory
    private final Map<GradientKey, TracedGradients> gradientCache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<GradientKey, TracedGradients> eldest) {
            if (size() <= 64) return false;
            backend.closeGraph(eldest.getValue().graph());
            return true;
        }
    };

    GradientResult gradients(ScalarFunction function, HostBatch at, List<String> wrtInputs, List<Variable> wrtVariables) {
        GradientKey key = new GradientKey(function, Signature.of(at), List.copyOf(wrtInputs), List.copyOf(wrtVariables));
        synchronized (backend.staging()) {
            TracedGradients g = gradientCache.get(key);
            if (g == null) {
                StagedGraph graph = backend.newGraph();
                try {
                    g = traceGradients(graph, key);
                } catch (RuntimeException | Error e) {
                    backend.closeGraph(graph);
                    throw e;
                }
                gradientCache.put(key, g);
            }
            Session.Runner runner = g.graph().syncedSession().runner();
            g.inputs().feed(runner, at);
            runner.fetch(g.value());
            for (Output<?> d : g.dxs()) runner.fetch(d);
            try (Result r = TfErrors.run(runner)) {
                double v = TfTypes.toHost(r.get(0)).get(0);
                HostArray[] all = new HostArray[wrtInputs.size() + wrtVariables.size()];
                for (int k = 0; k < g.dxs().length; k++) all[g.reached().get(k)] = TfTypes.toHost(r.get(k + 1));
                Map<String, HostArray> inputGrads = new LinkedHashMap<>();
                for (int i = 0; i < wrtInputs.size(); i++) {
                    HostArray x = at.get(wrtInputs.get(i));
                    inputGrads.put(wrtInputs.get(i), all[i] != null ? all[i] : HostArray.zeros(x.dtype(), x.shape()));
                }
                List<HostArray> varGrads = new ArrayList<>();
                for (int i = 0; i < wrtVariables.size(); i++) {
                    HostArray grad = all[wrtInputs.size() + i];
                    Variable var = wrtVariables.get(i);
                    varGrads.add(grad != null ? grad : HostArray.zeros(var.dtype(), var.shape()));
                }
                return new GradientResult(v, inputGrads, varGrads);
            }
        }
    }

    private TracedGradients traceGradients(StagedGraph graph, GradientKey key) {
        requireSelected("This gradient computation");
        Ops tf = graph.ops().withSubScope("gradients" + traces++);
        try (TraceContext trace = TraceContext.open(graph, tf)) {
            Inputs inputs = new Inputs(key.signature(), tf, trace);
            Operand<?> value = scalarOutput("the function value", key.function().apply(inputs.batch), trace);
            Set<GraphOperation> upstream = StagedGraph.upstreamOf(value);
            List<Operand<?>> candidates = new ArrayList<>();
            for (String name : key.wrtInputs()) {
                Placeholder<?> p = inputs.placeholders.get(name);
                if (p == null) throw new IllegalArgumentException("the batch has no entry '" + name + "'; it has " + inputs.placeholders.keySet());
                candidates.add(p);
            }
            for (Variable v : key.wrtVariables()) candidates.add(graph.copyOf((TfVariable) v.handle()).value());
            List<Output<?>> xs = new ArrayList<>();
            List<Integer> reached = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                if (upstream.contains((GraphOperation) candidates.get(i).op())) {
                    xs.add(candidates.get(i).asOutput());
                    reached.add(i);
                }
            }
            Output<?>[] dxs = xs.isEmpty() ? new Output<?>[0] : graph.graph().addGradients(value.asOutput(), xs.toArray(new Output<?>[0]));
            return new TracedGradients(graph, inputs, value, dxs, reached);
        }
    }
}
