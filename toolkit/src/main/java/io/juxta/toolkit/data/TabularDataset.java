package io.juxta.toolkit.data;

import io.juxta.frameworks.DataSource;
import io.juxta.frameworks.Dataset;
import io.juxta.frameworks.HostArray;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Labelled rows of numbers in host memory: {@link #features()} holds N rows of F floats, one
 * after another, and {@link #labels()} N class indices into {@link #classNames()}.
 */
public final class TabularDataset implements DataSource {
    private final float[] features;
    private final int[] labels;
    private final List<String> featureNames;
    private final List<String> classNames;

    public TabularDataset(float[] features, int[] labels, List<String> featureNames, List<String> classNames) {
        if ((long) labels.length * featureNames.size() != features.length) {
            throw new IllegalArgumentException(labels.length + " rows of " + featureNames.size() + " features need "
                    + (long) labels.length * featureNames.size() + " values; got " + features.length);
        }
        this.features = features;
        this.labels = labels;
        this.featureNames = List.copyOf(featureNames);
        this.classNames = List.copyOf(classNames);
    }

    public int size() {
        return labels.length;
    }

    public int featureCount() {
        return featureNames.size();
    }

    /** All values, row after row. The array itself, not a copy: do not modify it. */
    public float[] features() {
        return features;
    }

    /** The class index of each row. The array itself, not a copy. */
    public int[] labels() {
        return labels;
    }

    /** {N, F}. */
    public int[] shape() {
        return new int[] {size(), featureCount()};
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** A copy of one row's features. */
    public float[] row(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("row " + index + " of a dataset of " + size());
        }
        return Arrays.copyOfRange(features, index * featureCount(), (index + 1) * featureCount());
    }

    /** The first n rows (all of them when there are fewer). */
    public TabularDataset limit(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("limit takes a number of rows, at least 0; got " + n);
        }
        if (n >= size()) {
            return this;
        }
        return new TabularDataset(Arrays.copyOf(features, n * featureCount()), Arrays.copyOf(labels, n), featureNames, classNames);
    }

    /** The same rows in an order fixed by the seed. */
    public TabularDataset shuffled(long seed) {
        int[] order = Shuffle.permutation(size(), seed);
        int stride = featureCount();
        float[] newFeatures = new float[features.length];
        int[] newLabels = new int[labels.length];
        for (int i = 0; i < order.length; i++) {
            System.arraycopy(features, order[i] * stride, newFeatures, i * stride, stride);
            newLabels[i] = labels[order[i]];
        }
        return new TabularDataset(newFeatures, newLabels, featureNames, classNames);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TabularDataset[%,d rows of %d features, %d classes]",
                size(), featureCount(), classNames.size());
    }

    /** Features as an N×F float32 array and labels as int32, for {@code model.fit(data, ...)}. */
    @Override
    public Dataset toDataset() {
        return Dataset.of("table", HostArray.of(features, size(), featureCount()), HostArray.of(labels, size()));
    }
}
