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
 * Turns step code into graph runs. On the first call for an input signature (entry names, dtypes, shapes with
 * the batch dimension unknown) the code runs once on symbolic tensors inside a {@link TraceContext}; the
 * gradients come from {@code Graph.addGradients}; the update rule is traced after all gradients. Later calls
 * only feed, run and fetch, and close every native result.
 */
final class TfStepCompiler {
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
    private record TracedTrain(Inputs inputs, Operand<?> loss, Map<String, Operand<?>> metrics, List<Op> targets) {}

    /** A traced inference function for one signature. */
    private record TracedFunction(Inputs inputs, Map<String, Operand<?>> outputs) {}

    TrainStep compileTrainStep(Objective objective, List<Variable> trainable, UpdateRule update) {
        Map<Signature, TracedTrain> cache = new HashMap<>();
        List<Variable> vars = List.copyOf(trainable);
        return host -> {
            TracedTrain step = cache.computeIfAbsent(Signature.of(host), sig -> traceTrain(sig, objective, vars, update));
            Session.Runner runner = backend.graph().session().runner();
            synchronized (step.inputs()) {
                step.inputs().feed(runner, host);
                runner.fetch(step.loss());
                step.metrics().values().forEach(runner::fetch);
                step.targets().forEach(runner::addTarget);
                try (Result r = runner.run()) {
                    double loss = TfTypes.toHost(r.get(0)).get(0);
                    Map<String, Double> metrics = new LinkedHashMap<>();
                    int i = 1;
                    for (String name : step.metrics().keySet()) metrics.put(name, TfTypes.toHost(r.get(i++)).get(0));
                    return new StepResult(loss, metrics);
                }
            }
        };
    }

    /** Layer code reaches its backend through {@code Backends.current()}, so a trace only makes sense while tf is selected. */
    private void requireSelected(String what) {
        String current = io.juxta.frameworks.Backends.currentName();
        if (!current.equals(backend.name())) {
            throw new IllegalStateException(what + " was compiled on the tf backend, but the selected backend is " + current
                    + " and this batch needs a new trace: run %tf (Backends.use(\"tf\")) first, or compile the step again on " + current + ".");
        }
    }

    private TracedTrain traceTrain(Signature sig, Objective objective, List<Variable> trainable, UpdateRule update) {
        requireSelected("This training step");
        Ops tf = backend.graph().ops().withSubScope("train" + traces++);
        try (TraceContext trace = TraceContext.open(tf)) {
            Inputs inputs = new Inputs(sig, tf, trace);
            StepOutput out = objective.compute(inputs.batch);
            Operand<?> loss = scalarOutput("the loss", out.loss(), trace);
            Map<String, Operand<?>> metrics = new LinkedHashMap<>();
            out.metrics().forEach((name, m) -> metrics.put(name, scalarOutput("metric '" + name + "'", m, trace)));

            List<Tensor> grads = gradients(loss, trainable, trace);
            List<Op> before = new ArrayList<>();
            before.add(loss);
            before.addAll(metrics.values());
            for (Tensor g : grads) if (g != null) before.add(((TfTensor) g).operand());
            trace.orderAfter(before);
            update.apply(trainable, grads, inputs.batch);
            return new TracedTrain(inputs, loss, metrics, trace.assigns());
        }
    }

    /** d loss / d variable for each variable, null where the loss does not depend on it. */
    private List<Tensor> gradients(Operand<?> loss, List<Variable> variables, TraceContext trace) {
        Set<GraphOperation> upstream = StagedGraph.upstreamOf(loss);
        List<Output<?>> xs = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            Operand<?> read = ((TfVariable) variables.get(i).handle()).staged().value();
            if (upstream.contains((GraphOperation) read.op())) {
                xs.add(read.asOutput());
                at.add(i);
            }
        }
        List<Tensor> grads = new ArrayList<>(java.util.Collections.nCopies(variables.size(), (Tensor) null));
        if (xs.isEmpty()) return grads;
        Output<?>[] dxs = backend.graph().graph().addGradients(loss.asOutput(), xs.toArray(new Output<?>[0]));
        for (int k = 0; k < dxs.length; k++) grads.set(at.get(k), new TfTensor(backend, dxs[k], trace));
        return grads;
    }

    private Operand<?> scalarOutput(String what, Tensor t, TraceContext trace) {
        if (t == null) throw new IllegalArgumentException(what + " is null: the step must return a tensor");
        Operand<?> o = backend.tensorOps().operandOf(t);
        if (o.shape().numDimensions() != 0) {
            throw new IllegalArgumentException(what + " must be a scalar, got shape " + Arrays.toString(t.shape()) + ": reduce it, e.g. with .mean()");
        }
        return o;
    }

    CompiledFunction compileFunction(InferenceFunction function) {
        Map<Signature, TracedFunction> cache = new HashMap<>();
        return host -> {
            TracedFunction f = cache.computeIfAbsent(Signature.of(host), sig -> traceFunction(sig, function));
            Session.Runner runner = backend.graph().session().runner();
            synchronized (f.inputs()) {
                f.inputs().feed(runner, host);
                f.outputs().values().forEach(runner::fetch);
                try (Result r = runner.run()) {
                    Map<String, HostArray> out = new LinkedHashMap<>();
                    int i = 0;
                    for (String name : f.outputs().keySet()) out.put(name, TfTypes.toHost(r.get(i++)));
                    return out;
                }
            }
        };
    }

    private TracedFunction traceFunction(Signature sig, InferenceFunction function) {
        requireSelected("This function");
        Ops tf = backend.graph().ops().withSubScope("function" + traces++);
        try (TraceContext trace = TraceContext.open(tf)) {
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
    private record TracedGradients(Inputs inputs, Operand<?> value, Output<?>[] dxs, List<Integer> reached) {}

    /** Key of a traced gradient computation: the same function object, batch signature and targets reuse it. */
    private record GradientKey(ScalarFunction function, Signature signature, List<String> wrtInputs, List<Variable> wrtVariables) {}

    // bounded: each entry's nodes stay in the graph anyway, the cache only saves re-tracing a repeated call
    private final Map<GradientKey, TracedGradients> gradientCache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<GradientKey, TracedGradients> eldest) { return size() > 64; }
    };

    GradientResult gradients(ScalarFunction function, HostBatch at, List<String> wrtInputs, List<Variable> wrtVariables) {
        GradientKey key = new GradientKey(function, Signature.of(at), List.copyOf(wrtInputs), List.copyOf(wrtVariables));
        TracedGradients g = gradientCache.get(key);
        if (g == null) {
            g = traceGradients(key);
            gradientCache.put(key, g);
        }
        Session.Runner runner = backend.graph().session().runner();
        synchronized (g.inputs()) {
            g.inputs().feed(runner, at);
            runner.fetch(g.value());
            for (Output<?> d : g.dxs()) runner.fetch(d);
            try (Result r = runner.run()) {
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

    private TracedGradients traceGradients(GradientKey key) {
        requireSelected("This gradient computation");
        Ops tf = backend.graph().ops().withSubScope("gradients" + traces++);
        try (TraceContext trace = TraceContext.open(tf)) {
            Inputs inputs = new Inputs(key.signature(), tf, trace);
            Operand<?> value = scalarOutput("the function value", key.function().apply(inputs.batch), trace);
            Set<GraphOperation> upstream = StagedGraph.upstreamOf(value);
            List<Operand<?>> candidates = new ArrayList<>();
            for (String name : key.wrtInputs()) {
                Placeholder<?> p = inputs.placeholders.get(name);
                if (p == null) throw new IllegalArgumentException("the batch has no entry '" + name + "'; it has " + inputs.placeholders.keySet());
                candidates.add(p);
            }
            for (Variable v : key.wrtVariables()) candidates.add(((TfVariable) v.handle()).staged().value());
            List<Output<?>> xs = new ArrayList<>();
            List<Integer> reached = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                if (upstream.contains((GraphOperation) candidates.get(i).op())) {
                    xs.add(candidates.get(i).asOutput());
                    reached.add(i);
                }
            }
            Output<?>[] dxs = xs.isEmpty() ? new Output<?>[0] : backend.graph().graph().addGradients(value.asOutput(), xs.toArray(new Output<?>[0]));
            return new TracedGradients(inputs, value, dxs, reached);
        }
    }
}
