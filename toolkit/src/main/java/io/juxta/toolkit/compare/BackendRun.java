package io.juxta.toolkit.compare;

import java.util.Arrays;
import java.util.List;

/**
 * One backend's column of a {@code %%compare} report.
 *
 * @param backend       the backend's name ({@code torch}, {@code tf})
 * @param version       framework version and threads, as the backend reports them
 * @param seconds       wall time of each timed run
 * @param warmupSeconds wall time of each warm-up run (not part of the statistics; TF traces here)
 * @param cpuSeconds    CPU time of the whole process during each timed run
 * @param peakHeapBytes the largest Java heap use during the timed runs, -1 when unknown
 * @param peakRssBytes  the largest resident set of the process (heap and native) during the timed runs, -1 when unknown
 * @param rssGrowthBytes how much the resident set grew over the timed runs (native memory kept), -1 when unknown
 * @param value         the cell's value on the last timed run (null when it had none)
 * @param valueText     that value as the notebook shows it in text
 * @param error         why the backend failed, or null when it ran
 */
public record BackendRun(String backend, String version, List<Double> seconds, List<Double> warmupSeconds,
                         List<Double> cpuSeconds, long peakHeapBytes, long peakRssBytes, long rssGrowthBytes,
                         Object value, String valueText, String error) {
    public BackendRun {
        seconds = List.copyOf(seconds);
        warmupSeconds = List.copyOf(warmupSeconds);
        cpuSeconds = List.copyOf(cpuSeconds);
    }

    /** A column for a backend that could not run at all. */
    public static BackendRun failed(String backend, String version, String error) {
        return new BackendRun(backend, version, List.of(), List.of(), List.of(), -1, -1, -1, null, "", error);
    }

    public boolean ok() {
        return error == null;
    }

    /** Median wall time of the timed runs; NaN when none finished. */
    public double medianSeconds() {
        return median(seconds);
    }

    public double minSeconds() {
        return seconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    public double medianCpuSeconds() {
        return median(cpuSeconds);
    }

    /** The median of some numbers; NaN for none. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
