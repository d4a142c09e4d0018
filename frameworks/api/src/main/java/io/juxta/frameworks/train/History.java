package io.juxta.frameworks.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@code fit} returns: loss and time of every step, and loss, metrics, validation results and duration of
 * every epoch. Accessors return plain arrays for plots and {@code %%compare}.
 */
public final class History {
    /** One epoch: mean training loss and metrics (weighted by batch size), validation results, wall time. */
    public record Epoch(int index, double loss, Map<String, Double> metrics, Map<String, Double> validation, double seconds) {
        public Epoch {
            metrics = Map.copyOf(metrics);
            validation = Map.copyOf(validation);
        }
    }

    private final String backend;
    private final List<Double> stepLosses = new ArrayList<>();
    private final List<Long> stepNanos = new ArrayList<>();
    private final List<Epoch> epochs = new ArrayList<>();

    public History(String backend) { this.backend = backend; }

    public void recordStep(double loss, long nanos) {
        stepLosses.add(loss);
        stepNanos.add(nanos);
    }

    public void recordEpoch(Epoch e) { epochs.add(e); }

    public String backend() { return backend; }

    /** Loss of every step. */
    public double[] losses() { return stepLosses.stream().mapToDouble(Double::doubleValue).toArray(); }

    /** Wall time of every step in milliseconds (host-to-backend copy, step, loss read-back). */
    public double[] stepTimesMillis() { return stepNanos.stream().mapToDouble(n -> n / 1e6).toArray(); }

    public List<Epoch> epochs() { return List.copyOf(epochs); }

    public double[] epochLosses() { return epochs.stream().mapToDouble(Epoch::loss).toArray(); }

    /** Training loss per epoch (Keras' {@code history['loss']}); {@link #losses()} has every step. */
    public double[] loss() { return epochLosses(); }

    /** Validation loss per epoch (Keras' {@code history['val_loss']}); needs {@code Fit.validation(...)}. */
    public double[] valLoss() { return validation("loss"); }

    /** A training metric per epoch, e.g. {@code metric("accuracy")}. */
    public double[] metric(String name) {
        return epochs.stream().mapToDouble(e -> value(e.metrics(), name, "training metric")).toArray();
    }

    /** A validation result per epoch, e.g. {@code validation("loss")} or {@code validation("accuracy")}. */
    public double[] validation(String name) {
        return epochs.stream().mapToDouble(e -> value(e.validation(), name, "validation result")).toArray();
    }

    public Set<String> metricNames() {
        Set<String> out = new LinkedHashSet<>();
        for (Epoch e : epochs) out.addAll(e.metrics().keySet());
        return out;
    }

    public double finalLoss() {
        if (stepLosses.isEmpty()) throw new IllegalStateException("No step recorded");
        return stepLosses.get(stepLosses.size() - 1);
    }

    public double totalSeconds() { return epochs.stream().mapToDouble(Epoch::seconds).sum(); }

    /** Median step time in milliseconds, skipping the first step (compilation, warm-up). */
    public double medianStepMillis() {
        double[] t = stepTimesMillis();
        if (t.length == 0) return Double.NaN;
        double[] tail = t.length > 1 ? java.util.Arrays.copyOfRange(t, 1, t.length) : t;
        java.util.Arrays.sort(tail);
        return tail.length % 2 == 1 ? tail[tail.length / 2] : (tail[tail.length / 2 - 1] + tail[tail.length / 2]) / 2;
    }

    /** Every per-epoch series by name ({@code loss}, metrics, {@code val_*}), for tables and plots. */
    public Map<String, double[]> epochSeries() {
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put("loss", epochLosses());
        for (String m : metricNames()) out.put(m, metric(m));
        Set<String> val = new LinkedHashSet<>();
        for (Epoch e : epochs) val.addAll(e.validation().keySet());
        for (String v : val) out.put("val_" + v, validation(v));
        return out;
    }

    private static double value(Map<String, Double> m, String name, String kind) {
        Double v = m.get(name);
        if (v == null) throw new IllegalArgumentException("No " + kind + " named '" + name + "'; recorded: " + m.keySet());
        return v;
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "History(backend=%s, %d epochs, %d steps, %.2f s, median step %.3f ms)%n",
                backend, epochs.size(), stepLosses.size(), totalSeconds(), medianStepMillis()));
        for (Epoch e : epochs) sb.append(formatEpoch(e)).append('\n');
        return sb.toString().stripTrailing();
    }

    static String formatEpoch(Epoch e) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d  loss %.4f", e.index() + 1, e.loss()));
        e.metrics().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %s %.4f", k, v)));
        e.validation().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  val_%s %.4f", k, v)));
        sb.append(String.format(Locale.ROOT, "  (%.2f s)", e.seconds()));
        return sb.toString();
    }
}
