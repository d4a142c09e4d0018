package io.juxta.toolkit.plot;

import io.juxta.toolkit.timing.TimeFormat;
import java.util.ArrayList;
import java.util.List;

/** Equal-width bins between the smallest and largest finite value; the last bin includes the maximum. */
record Histogram(double start, double binWidth, int[] counts) {
    static Histogram of(double[] values, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("a histogram needs at least 1 bin, got " + bins);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            if (Double.isFinite(value)) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        if (min > max) {
            throw new IllegalArgumentException("hist(...) needs at least one finite value; got " + values.length + " values, none finite");
        }
        // All values equal: one unit-wide range centred on them, so the bar is visible
        double width = max > min ? (max - min) / bins : 1.0 / bins;
        double start = max > min ? min : min - 0.5;
        int[] counts = new int[bins];
        for (double value : values) {
            if (Double.isFinite(value)) {
                int bin = (int) ((value - start) / width);
                counts[Math.min(Math.max(bin, 0), bins - 1)]++;
            }
        }
        return new Histogram(start, width, counts);
    }

    double center(int bin) {
        return start + (bin + 0.5) * binWidth;
    }

    /** Bin centres with three significant digits, as category labels. */
    List<String> centerLabels() {
        List<String> labels = new ArrayList<>(counts.length);
        for (int bin = 0; bin < counts.length; bin++) {
            labels.add(TimeFormat.formatG(center(bin), 3));
        }
        return labels;
    }
}
