package io.juxta.toolkit.progress;

import io.juxta.frameworks.train.Fit;
import io.juxta.frameworks.train.History;
import io.juxta.frameworks.train.TrainingListener;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Shows a {@code model.fit(...)} as a live {@link Progress} bar: the frameworks' training listener turned into
 * progress updates. The toolkit installs one for every verbose fit in a notebook; a cell can also pass one with
 * {@code Fit.epochs(2).verbose(false).listener(FitProgress.create())}.
 *
 * <p>The first metric of the fit (for example accuracy) is shown next to the loss.
 * Outside a notebook each finished epoch prints one line.
 */
public final class FitProgress implements TrainingListener {
    private static volatile int sessionLossChartEvery;

    private final Supplier<Progress.Builder> builders;
    private final int lossChartEvery;
    private final String metricName;
    private int stepsPerEpoch;
    private int epochs = 1;
    private int batchSize;
    private Progress progress;

    private FitProgress(Supplier<Progress.Builder> builders, int lossChartEvery, String metricName) {
        this.builders = builders;
        this.lossChartEvery = lossChartEvery;
        this.metricName = metricName;
    }

    /** A listener drawing in the running notebook (or printing lines outside one), showing the loss. */
    public static FitProgress create() {
        return new FitProgress(Progress::builder, sessionLossChartEvery, null);
    }

    /** A listener for one fit: shows its first metric next to the loss. */
    public static FitProgress create(Fit fit) {
        return new FitProgress(Progress::builder, sessionLossChartEvery, firstMetric(fit));
    }

    /** A listener that also redraws a loss chart in place every {@code steps} steps. */
    public static FitProgress withLossChart(int steps) {
        return new FitProgress(Progress::builder, steps, null);
    }

    /** A listener drawing on the given surface, showing the named metric (or none when null); for tests and other front ends. */
    public static FitProgress on(ProgressSurface surface, int lossChartEvery, String metricName) {
        return new FitProgress(() -> Progress.builder().surface(surface), lossChartEvery, metricName);
    }

    private static String firstMetric(Fit fit) {
        return fit.metrics().isEmpty() ? null : fit.metrics().get(0).name();
    }

    /** From now on, every fit of the session also shows a loss chart redrawn every {@code steps} steps; 0 for none. */
    public static void lossChartEvery(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("lossChartEvery takes a number of steps, or 0 for no chart; got " + steps);
        }
        sessionLossChartEvery = steps;
    }

    /** The rows of the data: the last batch of an epoch holds what is left, and weighs that much in its mean. */
    @Override
    public void onStart(int epochCount, int steps, int batch, int dataRows) {
        rows = Math.max(0, dataRows);
        onStart(epochCount, steps, batch);
    }

    private int rows;

    @Override
    public void onStart(int epochCount, int steps, int batch) {
        this.epochs = Math.max(1, epochCount);
        this.stepsPerEpoch = Math.max(0, steps);
        this.batchSize = Math.max(0, batch);
        // built here, not at the first step, so the first step's time counts in the rate
        progress = builders.get().epochs(epochs).stepsPerEpoch(stepsPerEpoch).batchSize(batchSize)
                .lossChartEvery(lossChartEvery).metric(metricName).build();
    }

    @Override
    public void onStep(int epoch, long step, double loss, Map<String, Double> metrics) {
        if (progress == null) {
            onStart(epochs, stepsPerEpoch, batchSize);
        }
        // fit counts steps over the whole run; each epoch has stepsPerEpoch batches
        int inEpoch = stepsPerEpoch > 0 ? (int) (step - (long) epoch * stepsPerEpoch) : (int) step;
        Double value = metricName == null ? null : metrics.get(metricName);
        double metric = value == null ? Double.NaN : value;
        int lastBatch = rows - (stepsPerEpoch - 1) * batchSize;
        double weight = rows > 0 && batchSize > 0 && stepsPerEpoch > 0 && inEpoch == stepsPerEpoch - 1 && lastBatch > 0
                ? lastBatch : Math.max(1, batchSize);
        progress.update(epoch, Math.max(0, inEpoch), loss, metric, weight);
    }

    /** Validation results go on the epoch's line: fit prints no epoch lines while a bar shows them. */
    @Override
    public void onEpoch(History.Epoch epoch) {
        if (progress != null && !epoch.validation().isEmpty()) {
            StringBuilder note = new StringBuilder();
            epoch.validation().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> note.append(String.format(java.util.Locale.ROOT, "  val_%s %.4f", e.getKey(), e.getValue())));
            progress.noteOnLastEpoch(note.toString());
        }
    }

    @Override
    public void onEnd(History history) {
        if (progress == null) {
            return;
        }
        if (history != null && history.epochs().size() < epochs) {
            progress.closeStopped(); // an error or an interrupt ended the fit: not "done"
        } else {
            progress.close();
        }
    }

    /** The bar, once the fit started; null before. */
    Progress progress() {
        return progress;
    }
}
