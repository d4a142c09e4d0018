package io.juxta.frameworks.train;

import io.juxta.frameworks.Dataset;
import io.juxta.frameworks.nn.Metric;

import java.util.ArrayList;
import java.util.List;

/** Settings of {@code model.fit(...)}: {@code Fit.epochs(2).batch(64).metrics(Metric.accuracy())}. */
public final class Fit {
    private int epochs;
    private int batchSize = 32;
    private boolean shuffle = true;
    private long seed = 0;
    private Dataset validation;
    private final List<Metric> metrics = new ArrayList<>();
    private final List<TrainingListener> listeners = new ArrayList<>();
    private boolean verbose = true;

    private Fit(int epochs) {
        if (epochs <= 0) throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        this.epochs = epochs;
    }

    public static Fit epochs(int epochs) { return new Fit(epochs); }

    public Fit batch(int size) {
        if (size <= 0) throw new IllegalArgumentException("batch size must be positive, got " + size);
        batchSize = size;
        return this;
    }

    /** Shuffle order per epoch comes from {@code seed} (default 0), the same on every backend. */
    public Fit shuffle(boolean on) { shuffle = on; return this; }

    public Fit seed(long s) { seed = s; return this; }

    /** Measured after every epoch; a dataset with targets and at least one row (fit would fail at epoch 1 otherwise). */
    public Fit validation(io.juxta.frameworks.DataSource data) {
        Dataset d = data.toDataset();
        if (d.y() == null) throw new IllegalArgumentException("Fit.validation needs a dataset with targets (Dataset.of(x, y))");
        if (d.size() == 0) {
            throw new IllegalArgumentException("Fit.validation was given an empty dataset (" + d + "): give it rows to measure"
                    + " on (split(0.8) keeps 20 % for validation), or leave validation out");
        }
        validation = d;
        return this;
    }

    public Fit metrics(Metric... ms) { metrics.addAll(List.of(ms)); return this; }

    public Fit listener(TrainingListener l) { listeners.add(l); return this; }

    /** Print one line per epoch (default true). */
    public Fit verbose(boolean on) { verbose = on; return this; }

    public int epochs() { return epochs; }

    public int batchSize() { return batchSize; }

    public boolean shuffle() { return shuffle; }

    public long seed() { return seed; }

    public Dataset validation() { return validation; }

    public List<Metric> metrics() { return List.copyOf(metrics); }

    public List<TrainingListener> listeners() { return List.copyOf(listeners); }

    public boolean verbose() { return verbose; }
}
