package io.juxta.frameworks.train;

import io.juxta.frameworks.Backend;
import io.juxta.frameworks.Backends;
import io.juxta.frameworks.Batch;
import io.juxta.frameworks.Dataset;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.HostBatch;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.nn.Layer;
import io.juxta.frameworks.nn.Loss;
import io.juxta.frameworks.nn.Metric;
import io.juxta.frameworks.spi.CompiledFunction;
import io.juxta.frameworks.spi.ScalarFunction;
import io.juxta.frameworks.spi.StepOutput;
import io.juxta.frameworks.spi.StepResult;
import io.juxta.frameworks.spi.TrainStep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The backend-neutral fit / evaluate / predict loops; only the compiled step comes from the backend. */
public final class TrainingLoop {
    private TrainingLoop() {}

    /**
     * Compiled evaluate/predict functions of one model, kept by the model so a staged backend traces once rather
     * than on every call (an RL loop calls predict per environment step).
     */
    public static final class FunctionCache {
        private static final int MAX_ENTRIES = 8;
        // keys hold the loss and metric objects by identity: bounded, since each evaluate(...) call may bring new ones
        private final Map<List<Object>, CompiledFunction> functions = new LinkedHashMap<>(16, 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<List<Object>, CompiledFunction> eldest) {
                if (size() <= MAX_ENTRIES) return false;
                eldest.getValue().close();
                return true;
            }
        };

        synchronized CompiledFunction get(List<Object> key, java.util.function.Supplier<CompiledFunction> compile) {
            return functions.computeIfAbsent(key, k -> compile.get());
        }
    }

    private static CompiledFunction compiled(FunctionCache cache, List<Object> key, java.util.function.Supplier<CompiledFunction> compile) {
        return cache == null ? compile.get() : cache.get(key, compile);
    }

    public static History fit(Layer model, Dataset data, Loss loss, Optimizer optimizer, Fit fit) { return fit(model, data, loss, optimizer, fit, null); }

    public static History fit(Layer model, Dataset data, Loss loss, Optimizer optimizer, Fit fit, FunctionCache cache) {
        return fit(model, data, loss, optimizer, fit, cache, null);
    }

    /**
     * As above; {@code started} is given the History before the first step, which it then fills as it goes, so that
     * a caller keeps what was recorded however the fit ends (an interrupt stops the cell's thread, not only the loop).
     */
    public static History fit(Layer model, Dataset data, Loss loss, Optimizer optimizer, Fit fit, FunctionCache cache,
                              java.util.function.Consumer<History> started) {
        if (data.y() == null) throw new IllegalArgumentException("fit needs a dataset with targets (Dataset.of(x, y))");
        if (data.size() == 0) throw new IllegalArgumentException("fit was given an empty dataset (" + data + "): there is nothing to train on");
        Backend backend = Backends.current();
        List<Metric> metrics = fit.metrics();
        model.train(true);
        TrainStep step = backend.compileTrainStep(batch -> {
            Tensor prediction = model.forward(batch.x());
            // the loss first, as evaluate does: its shape checks name a wrong output shape, where a metric would
            // fail with the backend's own broadcasting error
            Tensor lossValue = loss.compute(prediction, batch.y());
            Map<String, Tensor> m = new LinkedHashMap<>();
            for (Metric metric : metrics) m.put(metric.name(), metric.compute(prediction, batch.y()));
            return new StepOutput(lossValue, m);
        }, model.parameters(), optimizer.updateRule());

        History history = new History(backend.name());
        if (started != null) started.accept(history);
        SplittableRandom shuffle = fit.shuffle() ? new SplittableRandom(fit.seed()) : null;
        long globalStep = 0;
        boolean warnedNotFinite = false;
        List<TrainingListener> listeners = new ArrayList<>(fit.listeners());
        TrainingListener automatic = TrainingListeners.createDefault(fit);
        if (automatic != null) listeners.add(automatic);
        int stepsPerEpoch = (data.size() + fit.batchSize() - 1) / fit.batchSize();
        for (TrainingListener l : listeners) l.onStart(fit.epochs(), stepsPerEpoch, fit.batchSize(), data.size());
        try {
            for (int epoch = 0; epoch < fit.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                double lossSum = 0;
                long rows = 0;
                Map<String, Double> metricSums = new LinkedHashMap<>();
                for (HostBatch hostBatch : data.batches(fit.batchSize(), shuffle)) {
                    // library code is not instrumented by JShell's stop-check: honour a thread interrupt between steps
                    if (Thread.interrupted()) throw new TrainingInterruptedException(history, globalStep);
                    HostBatch withLr = hostBatch.with(Optimizer.LEARNING_RATE, optimizer.learningRateEntry(globalStep, epoch));
                    long t0 = System.nanoTime();
                    StepResult r = step.run(withLr);
                    history.recordStep(r.loss(), System.nanoTime() - t0);
                    if (!warnedNotFinite && !Double.isFinite(r.loss())) {
                        warnedNotFinite = true;
                        System.err.println(notFiniteWarning(r.loss(), loss, epoch, globalStep - (long) epoch * stepsPerEpoch, hostBatch));
                    }
                    int n = hostBatch.size();
                    lossSum += r.loss() * n;
                    rows += n;
                    r.metrics().forEach((k, v) -> metricSums.merge(k, v * n, Double::sum));
                    for (TrainingListener l : listeners) l.onStep(epoch, globalStep, r.loss(), r.metrics());
                    globalStep++;
                }
                Map<String, Double> metricMeans = new LinkedHashMap<>();
                final long count = rows;
                metricSums.forEach((k, v) -> metricMeans.put(k, v / count));
                Map<String, Double> validation = fit.validation() == null ? Map.of()
                        : evaluate(model, fit.validation(), loss, metrics, Math.max(fit.batchSize(), 256), cache);
                model.train(true);
                History.Epoch e = new History.Epoch(epoch, lossSum / rows, metricMeans, validation, (System.nanoTime() - epochStart) / 1e9);
                history.recordEpoch(e);
                if (fit.verbose() && automatic == null) System.out.println(History.formatEpoch(e));
                for (TrainingListener l : listeners) l.onEpoch(e);
            }
        } finally {
            step.close();    // a staged backend frees this fit's graph now rather than at some later GC
            model.train(false);
            for (TrainingListener l : listeners) l.onEnd(history);
        }
        return history;
    }

    /**
     * What a user needs when the loss stops being a number: after one NaN step every weight is NaN, and neither
     * framework says why (PyTorch refuses BCE inputs outside [0, 1]; Keras clips them and goes on). The batch is
     * looked at only then: data with NaN in it is the most common cause (Csv reads empty and "na" fields as NaN).
     */
    static String notFiniteWarning(double value, Loss loss, int epoch, long stepInEpoch, HostBatch batch) {
        String why;
        String holed = batch.has(HostBatch.X) && !allFinite(batch.get(HostBatch.X)) ? "inputs"
                : batch.has(HostBatch.Y) && !allFinite(batch.get(HostBatch.Y)) ? "targets" : null;
        if (holed != null) {
            why = "This batch's " + holed + " hold NaN or infinite values: drop or fill them before training"
                    + " (Csv reads empty and \"na\" fields as NaN).";
        } else if ("bce".equals(loss.name())) {
            why = "Loss.bce takes probabilities in [0, 1]: if the model does not end with Sigmoid, give its raw outputs"
                    + " to Loss.bceWithLogits(); otherwise the learning rate may be too high.";
        } else {
            why = "The data of this batch are finite numbers: the learning rate may be too high, or the model's outputs"
                    + " out of the loss's range.";
        }
        return "Warning: the loss is " + value + " at epoch " + (epoch + 1) + ", step " + (stepInEpoch + 1)
                + "; training rarely recovers from here (interrupt to stop it). " + why;
    }

    private static boolean allFinite(HostArray a) {
        if (!a.dtype().isFloating()) {
            return true;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Double.isFinite(a.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Mean loss and metrics over {@code data} in evaluation mode, weighted by batch size. */
    public static Map<String, Double> evaluate(Layer model, Dataset data, Loss loss, List<Metric> metrics, int batchSize) {
        return evaluate(model, data, loss, metrics, batchSize, null);
    }

    public static Map<String, Double> evaluate(Layer model, Dataset data, Loss loss, List<Metric> metrics, int batchSize, FunctionCache cache) {
        if (data.y() == null) throw new IllegalArgumentException("evaluate needs a dataset with targets (Dataset.of(x, y))");
        if (data.size() == 0) throw new IllegalArgumentException("evaluate was given an empty dataset (" + data + "): there is nothing to measure");
        model.train(false);
        Backend backend = Backends.current();
        List<Object> key = new ArrayList<>(List.of(backend, "evaluate", loss));
        key.addAll(metrics);
        CompiledFunction f = compiled(cache, key, () -> backend.compileFunction(batch -> {
            Tensor prediction = model.forward(batch.x());
            Map<String, Tensor> out = new LinkedHashMap<>();
            out.put("loss", loss.compute(prediction, batch.y()));
            for (Metric m : metrics) out.put(m.name(), m.compute(prediction, batch.y()));
            return out;
        }));
        Map<String, Double> sums = new LinkedHashMap<>();
        long rows = 0;
        for (HostBatch b : data.batches(batchSize, null)) {
            int n = b.size();
            f.run(b).forEach((k, v) -> sums.merge(k, v.get(0) * n, Double::sum));
            rows += n;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (var e : sums.entrySet()) out.put(e.getKey(), e.getValue() / rows);
        return out;
    }

    /** Outputs for every row of {@code x}, in evaluation mode and without gradients. */
    public static HostArray predict(Layer model, HostArray x, int batchSize) { return predict(model, x, batchSize, null); }

    public static HostArray predict(Layer model, HostArray x, int batchSize, FunctionCache cache) {
        if (x.rank() == 0 || x.dim(0) == 0) {
            throw new IllegalArgumentException("predict was given no rows (x " + java.util.Arrays.toString(x.shape())
                    + "): there is nothing to predict; it takes a batch [N, ...] with N of at least 1");
        }
        model.train(false);
        Backend backend = Backends.current();
        CompiledFunction f = compiled(cache, List.of(backend, "predict"), () -> backend.compileFunction(batch -> Map.of("y", model.forward(batch.x()))));
        List<HostArray> parts = new ArrayList<>();
        for (HostBatch b : Dataset.of(x, null).batches(batchSize, null)) parts.add(f.run(b).get("y"));
        return HostArray.concatRows(parts);
    }

    /**
     * A custom training step (e.g. a policy-gradient loss for RL): {@code objective} maps a batch to the loss,
     * gradients flow to {@code model}'s parameters, and {@code optimizer} updates them. Call {@code run} per batch.
     */
    public static TrainStep customStep(Layer model, Optimizer optimizer, ScalarFunction objective) {
        TrainStep compiled = Backends.current().compileTrainStep(
                (Batch batch) -> StepOutput.of(objective.apply(batch)), model.parameters(), optimizer.updateRule());
        return new TrainStep() {
            private long step;

            @Override public io.juxta.frameworks.spi.StepResult run(HostBatch batch) {
                return compiled.run(batch.has(Optimizer.LEARNING_RATE) ? batch
                        : batch.with(Optimizer.LEARNING_RATE, optimizer.learningRateEntry(step++, 0)));
            }

            @Override public void close() { compiled.close(); }
        };
    }
}
