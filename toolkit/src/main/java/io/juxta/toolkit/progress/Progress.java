package io.juxta.toolkit.progress;

import io.juxta.kernel.api.MimeBundle;
import io.juxta.kernel.api.Session;
import io.juxta.toolkit.ToolkitSession;
import io.juxta.toolkit.render.ChartRenderer;
import io.juxta.toolkit.render.TableRenderer;
import io.juxta.toolkit.timing.TimeFormat;
import io.juxta.toolkit.timing.TimeSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A live training progress bar: one notebook output replaced in place. Above the bar stays one
 * line per finished epoch; the bar's line shows epoch, step of total, loss, metric, samples per
 * second and time left. Loss and metric are the running means over the epoch, as Keras shows
 * them. Updates are limited to 10 per second, except the last step of each epoch and
 * {@link #close()}, which always show.
 *
 * <pre>{@code
 * try (var progress = Progress.builder().epochs(2).stepsPerEpoch(938).batchSize(64)
 *                                .metric("accuracy").lossChartEvery(50).build()) {
 *     for (int epoch = 0; epoch < 2; epoch++)
 *         for (int step = 0; step < 938; step++)
 *             progress.update(epoch, step, trainStep(), accuracy());
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
    /** At most this many updates per second reach the front end. */
    public static final int MAX_UPDATES_PER_SECOND = 10;
    /** Drawing a chart takes tens of milliseconds, which training waits for: at most one per second. */
    static final long MIN_CHART_INTERVAL_NANOS = 1_000_000_000L;
    /** Longer loss histories are drawn as this many bucket means, to keep drawing time bounded. */
    static final int MAX_CHART_POINTS = 1000;
    /** Finished epochs listed above the bar; older ones are counted, not listed. */
    static final int EPOCH_LINES_SHOWN = 20;

    private final int epochs;
    private final int stepsPerEpoch;
    private final int batchSize;
    private final String metricName;
    private final int lossChartEvery;
    private final ProgressSurface surface;
    private final TimeSource clock;
    private final long minIntervalNanos;

    private final long startNanos;
    private long lastShownNanos;
    private String barId;
    private String chartId;
    private XYChart lossChart;
    private double[] lossSteps = new double[256];
    private double[] losses = new double[256];
    private int lossCount;
    private int stepsSinceChart;
    private long lastChartNanos;
    private final List<String> epochLines = new ArrayList<>();

    private int epoch;
    private int step = -1;
    private long stepsDone;
    private int runningEpoch = -1;
    private long epochStartNanos;
    private long lastStepNanos;
    private long epochSteps;
    private double epochWeight;
    private double epochLossSum;
    private double epochMetricWeight;
    private double epochMetricSum;
    private boolean closed;

    /** Bars shown and not closed yet (weakly: one the user dropped is not kept), for {@link #stopBarsOfTheCell()}. */
    private static final java.util.Set<Progress> OPEN =
            java.util.Collections.synchronizedSet(java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));
    /** Counts the notebook's cells, so a bar knows the cell it was made in. */
    private static volatile long cell;

    /** A cell starts (the toolkit calls this before each cell). */
    public static void cellStarted() {
        cell++;
    }

    /**
     * Closes, as stopped, the bars the running cell made and left open (the toolkit calls this after an interrupted
     * cell): its interrupted loop never closes them, and their lines would go on saying how long is left. Bars of
     * earlier cells, which a later cell or a thread may still step, are left alone.
     */
    public static void stopBarsOfTheCell() {
        List<Progress> open;
        synchronized (OPEN) {
            open = new ArrayList<>(OPEN);
        }
        long now = cell;
        open.stream().filter(p -> p.madeInCell == now).forEach(Progress::closeStopped);
    }

    private final long madeInCell = cell;

    private Progress(Builder builder) {
        this.epochs = builder.epochs;
        this.stepsPerEpoch = builder.stepsPerEpoch;
        this.batchSize = builder.batchSize;
        this.metricName = builder.metricName;
        this.lossChartEvery = builder.lossChartEvery;
        this.surface = builder.surface != null ? builder.surface
                : ToolkitSession.current().map(ProgressSurface::of).orElseGet(() -> ProgressSurface.printing(System.out));
        this.clock = builder.clock;
        this.minIntervalNanos = 1_000_000_000L / MAX_UPDATES_PER_SECOND;
        this.startNanos = clock.nanoTime();
        OPEN.add(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A bar for the given epochs of the given steps each, shown in the current notebook. */
    public static Progress start(int epochs, int stepsPerEpoch) {
        return builder().epochs(epochs).stepsPerEpoch(stepsPerEpoch).build();
    }

    /** Records the next step's loss. */
    public void step(double stepLoss) {
        step(stepLoss, Double.NaN);
    }

    /** Records the next step's loss and metric; moves to the next epoch after the epoch's last step. */
    public void step(double stepLoss, double stepMetric) {
        int nextEpoch = epoch;
        int nextStep = step + 1;
        if (stepsPerEpoch > 0 && nextStep >= stepsPerEpoch) {
            nextEpoch++;
            nextStep = 0;
        }
        update(nextEpoch, nextStep, stepLoss, stepMetric);
    }

    /** Records a step at a given position: epoch and step count from 0. A metric of NaN means none. */
    public void update(int atEpoch, int atStep, double stepLoss, double stepMetric) {
        update(atEpoch, atStep, stepLoss, stepMetric, 1);
    }

    /**
     * Records a step whose batch had {@code weight} rows: an epoch's mean weighs each step by it, as a fit's history
     * does (a smaller last batch counts less; with equal weights the two differed in the third decimal).
     */
    public void update(int atEpoch, int atStep, double stepLoss, double stepMetric, double weight) {
        if (!(weight > 0)) {
            throw new IllegalArgumentException("a step's weight is its batch's rows, more than 0; got " + weight);
        }
        if (closed) {
            throw new IllegalStateException("this progress bar is closed: start a new one for another fit");
        }
        if (atEpoch < 0 || atStep < 0) {
            throw new IllegalArgumentException("epoch and step count from 0; got epoch " + atEpoch + ", step " + atStep);
        }
        long now = clock.nanoTime();
        if (atEpoch != runningEpoch) {
            runningEpoch = atEpoch;
            // an epoch starts when the previous one's last step ended, so its time includes its first step
            epochStartNanos = stepsDone == 0 ? startNanos : lastStepNanos;
            epochSteps = 0;
            epochWeight = 0;
            epochLossSum = 0;
            epochMetricWeight = 0;
            epochMetricSum = 0;
        }
        epoch = atEpoch;
        step = atStep;
        stepsDone++;
        epochSteps++;
        epochWeight += weight;
        epochLossSum += stepLoss * weight;
        if (!Double.isNaN(stepMetric)) {
            epochMetricWeight += weight;
            epochMetricSum += stepMetric * weight;
        }
        recordLoss(stepLoss);
        lastStepNanos = now;
        boolean lastOfEpoch = stepsPerEpoch > 0 && atStep == stepsPerEpoch - 1;
        if (lastOfEpoch) {
            epochLines.add(epochLine(now));
        }
        if (lastOfEpoch || (surface.live() && (barId == null || now - lastShownNanos >= minIntervalNanos))) {
            lastShownNanos = now;
            showBar(now, false);
        }
        if (lossChartEvery > 0 && ++stepsSinceChart >= lossChartEvery
                && (chartId == null || now - lastChartNanos >= MIN_CHART_INTERVAL_NANOS)) {
            stepsSinceChart = 0;
            lastChartNanos = now;
            showChart();
        }
    }

    /**
     * Like {@link #close()}, for a run that ended before its planned steps (an error, an interrupt): the last line
     * says "stopped after N steps", not "done".
     */
    public void closeStopped() {
        stoppedEarly = !closed;
        close();
    }

    private boolean stoppedEarly;

    /**
     * Shows the final state, the total time and the loss chart. Further steps are refused. A bar closed before its
     * planned epochs and steps were recorded (a try-with-resources left by an exception or an interrupt) says
     * "stopped after N steps", as {@link #closeStopped()} does.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        OPEN.remove(this);
        if (totalSteps() > 0 && globalStep() < totalSteps()) {
            stoppedEarly = true;
        }
        if (stepsDone > 0) {
            showBar(clock.nanoTime(), true);
            if (lossChartEvery > 0) {
                showChart();
            }
        }
    }

    /**
     * Adds text to the line of the newest finished epoch, e.g. its validation results, and shows it; ignored
     * before the first epoch ended.
     */
    public void noteOnLastEpoch(String text) {
        if (closed || epochLines.isEmpty() || text == null || text.isEmpty()) {
            return;
        }
        int last = epochLines.size() - 1;
        epochLines.set(last, epochLines.get(last) + text);
        long now = clock.nanoTime();
        lastShownNanos = now;
        showBar(now, false);
    }

    /** Steps recorded so far. */
    public long stepsDone() {
        return stepsDone;
    }

    /** The bar's line as it would be shown now. */
    public String text() {
        return currentLine(clock.nanoTime(), closed);
    }

    /** One line per finished epoch. */
    public List<String> epochLines() {
        return List.copyOf(epochLines);
    }

    private void recordLoss(double value) {
        if (lossChartEvery <= 0 || !Double.isFinite(value)) {
            return;
        }
        if (lossCount == losses.length) {
            losses = Arrays.copyOf(losses, lossCount * 2);
            lossSteps = Arrays.copyOf(lossSteps, lossCount * 2);
        }
        lossSteps[lossCount] = stepsDone;
        losses[lossCount++] = value;
    }

    private long totalSteps() {
        return stepsPerEpoch > 0 ? (long) epochs * stepsPerEpoch : 0;
    }

    private long globalStep() {
        return stepsPerEpoch > 0 ? (long) epoch * stepsPerEpoch + step + 1 : stepsDone;
    }

    private void appendLossAndMetric(StringBuilder line) {
        line.append(String.format(Locale.ROOT, "  loss %.4f", epochLossSum / epochWeight));
        if (metricName != null && epochMetricWeight > 0) {
            line.append(String.format(Locale.ROOT, "  %s %.4f", metricName, epochMetricSum / epochMetricWeight));
        }
    }


    private void appendRate(StringBuilder line, long steps, double seconds) {
        if (seconds > 0) {
            double perSecond = steps * (batchSize > 0 ? batchSize : 1) / seconds;
            line.append(String.format(Locale.ROOT, "  %,.0f %s/s", perSecond, batchSize > 0 ? "samples" : "steps"));
        }
    }

    /** The line kept for a finished epoch: its mean loss and metric, rate and duration. */
    private String epochLine(long now) {
        double seconds = (now - epochStartNanos) / 1e9;
        StringBuilder line = new StringBuilder("epoch ").append(epoch + 1).append('/').append(epochs);
        appendLossAndMetric(line);
        appendRate(line, epochSteps, seconds);
        return line.append("  ").append(TimeFormat.seconds(seconds)).toString();
    }

    String currentLine(long now, boolean finished) {
        double elapsed = (now - startNanos) / 1e9;
        StringBuilder line = new StringBuilder();
        if (finished) {
            line.append(stoppedEarly ? "stopped after " : "done: ").append(stepsDone).append(stepsDone == 1 ? " step" : " steps")
                    .append(" in ").append(TimeFormat.seconds(elapsed));
            appendRate(line, stepsDone, elapsed);
            return line.toString();
        }
        line.append("epoch ").append(epoch + 1).append('/').append(epochs);
        line.append("  step ").append(step + 1);
        if (stepsPerEpoch > 0) {
            line.append('/').append(stepsPerEpoch);
        }
        appendLossAndMetric(line);
        appendRate(line, stepsDone, elapsed);
        if (totalSteps() > 0 && elapsed > 0) {
            double left = elapsed / stepsDone * Math.max(0, totalSteps() - globalStep());
            line.append("  ").append(TimeFormat.seconds(left)).append(" left");
        }
        return line.toString();
    }

    private MimeBundle barBundle(long now, boolean finished) {
        List<String> lines = new ArrayList<>();
        int hidden = Math.max(0, epochLines.size() - EPOCH_LINES_SHOWN);
        if (hidden > 0) {
            lines.add("(" + hidden + " earlier epochs)");
        }
        lines.addAll(epochLines.subList(hidden, epochLines.size()));
        boolean epochJustEnded = stepsPerEpoch > 0 && step == stepsPerEpoch - 1;
        // right after an epoch ends, its kept line already says everything the bar's line would
        String current = finished || !epochJustEnded ? currentLine(now, finished) : null;
        long total = totalSteps();
        String bar = total > 0
                ? "<progress value=\"" + globalStep() + "\" max=\"" + total + "\" style=\"width:24em\"></progress>"
                : finished ? "<progress value=\"1\" max=\"1\" style=\"width:24em\"></progress>"
                : "<progress style=\"width:24em\"></progress>";
        StringBuilder html = new StringBuilder("<div class=\"juxta-progress\">");
        if (!lines.isEmpty()) {
            html.append("<pre style=\"margin:0\">").append(TableRenderer.escape(String.join("\n", lines))).append("</pre>");
        }
        html.append(bar);
        if (current != null) {
            html.append(" <code>").append(TableRenderer.escape(current)).append("</code>");
        }
        html.append("</div>");
        if (current != null) {
            lines.add(current);
        }
        return new MimeBundle().put("text/html", html.toString()).put("text/plain", String.join("\n", lines));
    }

    private void showBar(long now, boolean finished) {
        MimeBundle bundle = barBundle(now, finished);
        if (barId == null) {
            barId = surface.show(bundle);
        } else {
            surface.update(barId, bundle);
        }
    }

    private void showChart() {
        if (lossCount == 0 || !surface.live()) {
            return;
        }
        double[][] points = bucketMeans(lossSteps, losses, lossCount, MAX_CHART_POINTS);
        double[] x = points[0];
        double[] y = points[1];
        MimeBundle bundle;
        try {
            if (lossChart == null) {
                lossChart = new XYChart(640, 300);
                lossChart.setTitle("loss");
                lossChart.setXAxisTitle("step");
                lossChart.getStyler().setLegendVisible(false);
                lossChart.addSeries("loss", x, y).setMarker(SeriesMarkers.NONE);
            } else {
                lossChart.updateXYSeries("loss", x, y, null);
            }
            bundle = ChartRenderer.pngBundle(lossChart);
        } catch (IOException e) {
            return; // a chart that fails to encode must not stop training; the bar still shows
        }
        if (chartId == null) {
            chartId = surface.show(bundle);
        } else {
            surface.update(chartId, bundle);
        }
    }

    /** The first count points, or the means of equal buckets of them when there are more than maxPoints. */
    static double[][] bucketMeans(double[] x, double[] y, int count, int maxPoints) {
        if (count <= maxPoints) {
            return new double[][] {Arrays.copyOf(x, count), Arrays.copyOf(y, count)};
        }
        double[] meanX = new double[maxPoints];
        double[] meanY = new double[maxPoints];
        for (int b = 0; b < maxPoints; b++) {
            int from = (int) ((long) b * count / maxPoints);
            int to = (int) ((long) (b + 1) * count / maxPoints);
            for (int i = from; i < to; i++) {
                meanX[b] += x[i];
                meanY[b] += y[i];
            }
            meanX[b] /= to - from;
            meanY[b] /= to - from;
        }
        return new double[][] {meanX, meanY};
    }

    /** Options of a progress bar. */
    public static final class Builder {
        private int epochs = 1;
        private int stepsPerEpoch;
        private int batchSize;
        private String metricName;
        private int lossChartEvery;
        private ProgressSurface surface;
        private TimeSource clock = TimeSource.SYSTEM;

        private Builder() {}

        public Builder epochs(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("epochs must be at least 1; got " + count);
            }
            this.epochs = count;
            return this;
        }

        /** Steps (batches) per epoch; 0 when unknown, which shows no total and no time left. */
        public Builder stepsPerEpoch(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("steps per epoch must be positive, or 0 when unknown; got " + count);
            }
            this.stepsPerEpoch = count;
            return this;
        }

        /** Examples per step, to show samples per second; 0 shows steps per second. */
        public Builder batchSize(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("batch size must be positive, or 0 when unknown; got " + size);
            }
            this.batchSize = size;
            return this;
        }

        /** The name of the metric passed with each step, for example "accuracy". */
        public Builder metric(String name) {
            this.metricName = name;
            return this;
        }

        /** Also shows a loss chart, redrawn in place every so many steps (at most once a second); 0 for none. */
        public Builder lossChartEvery(int steps) {
            if (steps < 0) {
                throw new IllegalArgumentException("lossChartEvery takes a number of steps, or 0 for no chart; got " + steps);
            }
            this.lossChartEvery = steps;
            return this;
        }

        /** Where to draw; by default the notebook of the running session, else standard output. */
        public Builder surface(ProgressSurface where) {
            this.surface = where;
            return this;
        }

        /** Draws in the given session's notebook. */
        public Builder session(Session session) {
            this.surface = ProgressSurface.of(session);
            return this;
        }

        /** The clock for rates and the update limit; for tests. */
        public Builder clock(TimeSource source) {
            this.clock = source;
            return this;
        }

        public Progress build() {
            return new Progress(this);
        }
    }
}
