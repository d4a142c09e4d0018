package io.juxta.frameworks;

import java.util.SplittableRandom;

/**
 * The host generator that initial weights and host data come from, so every backend starts from identical
 * numbers. One {@link SplittableRandom} seeded by {@link #seed(long)} (default 0); each layer takes its own split
 * child in construction order, so a model built by the same code gets the same weights on every backend.
 * {@code %%compare} calls {@link #seed(long)} with the same seed before each run.
 */
public final class Rng {
    private static SplittableRandom root = new SplittableRandom(0);
    private static long seed;

    private Rng() {}

    public static synchronized void seed(long value) {
        seed = value;
        root = new SplittableRandom(value);
    }

    public static synchronized long currentSeed() { return seed; }

    /** An independent child generator (for one layer or one shuffle). */
    public static synchronized SplittableRandom split() { return root.split(); }

    public static HostArray uniform(SplittableRandom r, double low, double high, int... shape) {
        HostArray a = HostArray.zeros(DType.FLOAT32, shape);
        float[] d = (float[]) a.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) (low + (high - low) * r.nextDouble());
        return a;
    }

    public static HostArray normal(SplittableRandom r, double mean, double std, int... shape) {
        HostArray a = HostArray.zeros(DType.FLOAT32, shape);
        float[] d = (float[]) a.data();
        for (int i = 0; i < d.length; i += 2) {
            // Box-Muller: SplittableRandom has no nextGaussian on Java 17
            double u1 = 1.0 - r.nextDouble(), u2 = r.nextDouble();
            double radius = Math.sqrt(-2 * Math.log(u1));
            d[i] = (float) (mean + std * radius * Math.cos(2 * Math.PI * u2));
            if (i + 1 < d.length) d[i + 1] = (float) (mean + std * radius * Math.sin(2 * Math.PI * u2));
        }
        return a;
    }

    /** Host uniform array from the global generator: identical on every backend. */
    public static HostArray uniform(double low, double high, int... shape) { return uniform(split(), low, high, shape); }

    /** Host normal array from the global generator: identical on every backend. */
    public static HostArray normal(double mean, double std, int... shape) { return normal(split(), mean, std, shape); }

    /** A permutation of 0..n-1. */
    public static int[] permutation(SplittableRandom r, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i]; p[i] = p[j]; p[j] = t;
        }
        return p;
    }
}
