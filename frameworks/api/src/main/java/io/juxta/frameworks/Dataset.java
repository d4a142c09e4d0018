package io.juxta.frameworks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Inputs and (optional) targets as host arrays, sliced into batches on the host. The same batches feed every
 * backend, which is what makes {@code %%compare} fair.
 */
public final class Dataset implements DataSource {
    private final HostArray x, y;
    private final String name;

    private Dataset(String name, HostArray x, HostArray y) {
        if (y != null && y.dim(0) != x.dim(0)) {
            throw new IllegalArgumentException("Inputs have " + x.dim(0) + " rows but targets have " + y.dim(0));
        }
        this.name = name;
        this.x = x;
        this.y = y;
    }

    public static Dataset of(HostArray x, HostArray y) { return new Dataset("dataset", x, y); }

    public static Dataset of(String name, HostArray x, HostArray y) { return new Dataset(name, x, y); }

    public static Dataset of(float[][] x, int[] labels) { return of(HostArray.of(x), HostArray.of(labels)); }

    public String name() { return name; }

    @Override public Dataset toDataset() { return this; }

    public HostArray x() { return x; }

    public HostArray y() { return y; }

    public int size() { return x.dim(0); }

    /** The first {@code n} rows (all if fewer). */
    public Dataset limit(int n) {
        if (n < 0) throw new IllegalArgumentException("limit takes a number of rows, at least 0; got " + n);
        int m = Math.min(n, size());
        return new Dataset(name, x.rows(0, m), y == null ? null : y.rows(0, m));
    }

    /** Rows in a random order from {@code seed}. */
    public Dataset shuffled(long seed) {
        int[] p = Rng.permutation(new SplittableRandom(seed), size());
        return new Dataset(name, x.rows(p), y == null ? null : y.rows(p));
    }

    /** Splits into [first fraction, rest], e.g. {@code split(0.8)} for train/validation. */
    public Dataset[] split(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("split takes the fraction of rows for the first part, from 0 to 1 (0.8 for 80 %); got "
                    + fraction);
        }
        int cut = (int) Math.round(size() * fraction);
        return new Dataset[]{
                new Dataset(name, x.rows(0, cut), y == null ? null : y.rows(0, cut)),
                new Dataset(name, x.rows(cut, size()), y == null ? null : y.rows(cut, size()))};
    }

    /**
     * Batches of {@code batchSize} rows (the last may be smaller), shuffled when {@code shuffle} is not null.
     */
    public List<HostBatch> batches(int batchSize, SplittableRandom shuffle) {
        if (batchSize <= 0) throw new IllegalArgumentException("Batch size must be positive, got " + batchSize);
        int[] order = shuffle == null ? identity(size()) : Rng.permutation(shuffle, size());
        List<HostBatch> out = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            int[] idx = java.util.Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize));
            out.add(HostBatch.of(x.rows(idx), y == null ? null : y.rows(idx)));
        }
        return out;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    @Override public String toString() {
        return "Dataset(" + name + ", " + size() + " rows, x " + java.util.Arrays.toString(x.shape()) + " " + x.dtype()
                + (y == null ? "" : ", y " + java.util.Arrays.toString(y.shape()) + " " + y.dtype()) + ")";
    }
}
