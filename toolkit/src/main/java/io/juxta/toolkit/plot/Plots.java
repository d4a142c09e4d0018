package io.juxta.toolkit.plot;

import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.train.History;
import io.juxta.kernel.api.MimeBundle;
import io.juxta.toolkit.data.ImageDataset;
import io.juxta.toolkit.render.ChartFormat;
import io.juxta.toolkit.render.ChartRenderer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One-call charts for notebook cells. Each returns the XChart chart (640×400 by default), so a
 * cell whose value is the chart shows it inline, and the chart can still be styled or given
 * more series:
 *
 * <pre>{@code
 * var chart = Plots.line(trainLoss);
 * chart.addSeries("validation", validationLoss);
 * chart.getStyler().setLegendVisible(true);   // one-series charts start without a legend
 * chart
 * }</pre>
 *
 * Arrays of {@code double}, {@code float} or {@code int}, lists of numbers, and tensors of either backend
 * (copied to the host) are accepted.
 */
public final class Plots {
    public static final int DEFAULT_WIDTH = 640;
    public static final int DEFAULT_HEIGHT = 400;

    static {
        // Charts are drawn off-screen, also when the JVM was started outside the kernel
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Plots() {}

    // ---- line ----

    /** A line of y against its index 0, 1, 2, ... */
    public static XYChart line(double[] y) {
        return line(indices(y.length), y);
    }

    public static XYChart line(float[] y) {
        return line(PlotInput.toDouble(y));
    }

    public static XYChart line(int[] y) {
        return line(PlotInput.toDouble(y));
    }

    public static XYChart line(List<? extends Number> y) {
        return line(PlotInput.toDouble(y, "y"));
    }

    /** A line of y against x. */
    public static XYChart line(double[] x, double[] y) {
        XYChart chart = xyChart();
        addLine(chart, "y", x, y);
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    public static XYChart line(float[] x, float[] y) {
        return line(PlotInput.toDouble(x), PlotInput.toDouble(y));
    }

    public static XYChart line(int[] x, double[] y) {
        return line(PlotInput.toDouble(x), y);
    }

    /** One line per named series against the index, with a legend: {@code lines(Map.of("train", a, "test", b))}. */
    public static XYChart lines(Map<String, double[]> seriesByName) {
        if (seriesByName.isEmpty()) {
            throw new IllegalArgumentException("lines(...) needs at least one named series");
        }
        XYChart chart = xyChart();
        seriesByName.forEach((name, y) -> {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("lines(...): a series has " + (name == null ? "a null" : "an empty")
                        + " name; give every series a name for the legend");
            }
            String what = "lines(...): series \"" + name + "\"";
            PlotInput.requireNotEmpty(PlotInput.requireValues(y, what), what);
            addLine(chart, name, indices(y.length), y);
        });
        return chart;
    }

    private static void addLine(XYChart chart, String name, double[] x, double[] y) {
        PlotInput.requireSameLength(x, y, "x", "y");
        PlotInput.requireNotEmpty(y, "y");
        double[][] drawn = thinned(x, gaps(y), (MAX_LINE_POINTS - 2) / 3);
        XYSeries series = chart.addSeries(name, drawn[0], drawn[1]);
        series.setMarker(y.length > 50 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }

    /**
     * A line keeps at most this many points: a chart is 640 pixels wide, and XChart took 9 s to draw 100,000 points
     * (a million did not finish, and an interrupt then cost the session).
     */
    static final int MAX_LINE_POINTS = 4000;

    /** Infinite values become gaps, as NaN already is (XChart refuses to draw them; matplotlib leaves them out). */
    static double[] gaps(double[] y) {
        double[] out = null;
        for (int i = 0; i < y.length; i++) {
            if (Double.isInfinite(y[i])) {
                if (out == null) {
                    out = y.clone();
                }
                out[i] = Double.NaN;
            }
        }
        return out == null ? y : out;
    }

    /**
     * Points of a long line thinned to the lowest and highest of each of {@code buckets} runs of points, in order:
     * the drawn line keeps every peak and trough (matplotlib simplifies long paths the same way). A run with a gap
     * (NaN) keeps one, so the line still breaks there, and the first and last points stay.
     */
    static double[][] thinned(double[] x, double[] y, int buckets) {
        if (y.length <= 3 * buckets + 2) {
            return new double[][] {x, y};
        }
        double[] tx = new double[3 * buckets + 2];
        double[] ty = new double[3 * buckets + 2];
        int n = 0;
        int[] keep = new int[5];
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) y.length * b / buckets);
            int to = (int) ((long) y.length * (b + 1) / buckets);
            int lo = -1;
            int hi = -1;
            int gap = -1;
            for (int i = from; i < to; i++) {
                if (Double.isNaN(y[i])) {
                    gap = gap < 0 ? i : gap;
                    continue;
                }
                if (lo < 0 || y[i] < y[lo]) {
                    lo = i;
                }
                if (hi < 0 || y[i] > y[hi]) {
                    hi = i;
                }
            }
            int k = 0;
            for (int index : new int[] {b == 0 ? 0 : -1, lo, hi, gap, b == buckets - 1 ? y.length - 1 : -1}) {
                if (index >= 0) {
                    keep[k++] = index;
                }
            }
            java.util.Arrays.sort(keep, 0, k);
            for (int q = 0; q < k; q++) {
                if (q > 0 && keep[q] == keep[q - 1]) {
                    continue;
                }
                tx[n] = x[keep[q]];
                ty[n++] = y[keep[q]];
            }
        }
        return new double[][] {Arrays.copyOf(tx, n), Arrays.copyOf(ty, n)};
    }

    // ---- scatter ----

    /** Points (x, y). */
    public static XYChart scatter(double[] x, double[] y) {
        PlotInput.requireSameLength(x, y, "x", "y");
        PlotInput.requireNotEmpty(x, "x");
        XYChart chart = xyChart();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(x.length > 1000 ? 3 : 6);
        chart.getStyler().setLegendVisible(false);
        chart.addSeries("points", x, gaps(y));
        return chart;
    }

    public static XYChart scatter(float[] x, float[] y) {
        return scatter(PlotInput.toDouble(x), PlotInput.toDouble(y));
    }

    public static XYChart scatter(int[] x, int[] y) {
        return scatter(PlotInput.toDouble(x), PlotInput.toDouble(y));
    }

    // ---- bar ----

    /** One bar per category. */
    public static CategoryChart bar(String[] categories, double[] values) {
        if (categories.length != values.length) {
            throw new IllegalArgumentException("bar(categories, values) needs one value per category: got "
                    + categories.length + " categories and " + values.length + " values");
        }
        PlotInput.requireNotEmpty(values, "values");
        PlotInput.requireNames(categories, "bar(categories, values): category", "bar");
        CategoryChart chart = categoryChart();
        chart.getStyler().setLegendVisible(false);
        chart.addSeries("values", Arrays.asList(categories), PlotInput.boxed(values));
        if (categories.length > 8) {
            chart.getStyler().setXAxisLabelRotation(45);
        }
        return chart;
    }

    public static CategoryChart bar(String[] categories, float[] values) {
        return bar(categories, PlotInput.toDouble(values));
    }

    public static CategoryChart bar(String[] categories, int[] values) {
        return bar(categories, PlotInput.toDouble(values));
    }

    /** Bars from a map of category to value, in the map's order. */
    public static CategoryChart bar(Map<String, ? extends Number> valuesByCategory) {
        String[] categories = valuesByCategory.keySet().toArray(new String[0]);
        double[] values = valuesByCategory.values().stream().mapToDouble(Number::doubleValue).toArray();
        return bar(categories, values);
    }

    // ---- histogram ----

    /** A histogram with 20 equal-width bins between the smallest and largest value. */
    public static CategoryChart hist(double[] values) {
        return hist(values, 20);
    }

    /** A histogram with the given number of equal-width bins between the smallest and largest value. */
    public static CategoryChart hist(double[] values, int bins) {
        Histogram histogram = Histogram.of(values, bins);
        CategoryChart chart = categoryChart();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setAvailableSpaceFill(0.98);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setXAxisMaxLabelCount(Math.min(bins, 10));
        chart.getStyler().setXAxisLabelRotation(bins > 10 ? 45 : 0);
        chart.setYAxisTitle("count");
        chart.addSeries("count", histogram.centerLabels(), PlotInput.boxed(histogram.counts()));
        return chart;
    }

    public static CategoryChart hist(float[] values) {
        return hist(PlotInput.toDouble(values));
    }

    public static CategoryChart hist(float[] values, int bins) {
        return hist(PlotInput.toDouble(values), bins);
    }

    public static CategoryChart hist(int[] values, int bins) {
        return hist(PlotInput.toDouble(values), bins);
    }

    // ---- heat maps ----

    /** A heat map of a matrix: row 0 at the top, column 0 on the left. */
    public static HeatMapChart heatmap(double[][] matrix) {
        int rows = PlotInput.requireRectangular(matrix, "matrix");
        return heatmap(matrix, labels(rows), labels(matrix[0].length));
    }

    public static HeatMapChart heatmap(float[][] matrix) {
        return heatmap(PlotInput.toDouble(matrix));
    }

    public static HeatMapChart heatmap(int[][] matrix) {
        return heatmap(PlotInput.toDouble(matrix));
    }

    /** A heat map with names for the rows and columns. */
    public static HeatMapChart heatmap(double[][] matrix, String[] rowNames, String[] columnNames) {
        int rows = PlotInput.requireRectangular(matrix, "matrix");
        int columns = matrix[0].length;
        PlotInput.requireNames(rowNames, "heatmap: row name", "row");
        PlotInput.requireNames(columnNames, "heatmap: column name", "column");
        if (rowNames.length != rows || columnNames.length != columns) {
            throw new IllegalArgumentException("heatmap needs one name per row and per column: the matrix is "
                    + rows + "×" + columns + ", got " + rowNames.length + " row names and " + columnNames.length + " column names");
        }
        // XChart 4.0.3's HeatMapChart(int, int) applies no theme (no fonts, no axes): name the theme
        HeatMapChart chart = new HeatMapChart(DEFAULT_WIDTH, DEFAULT_HEIGHT, Styler.ChartTheme.XChart);
        chart.getStyler().setPlotContentSize(1);
        // a cell's value only where it fits: about 30 pixels of width per column, and rows tall enough for a line
        chart.getStyler().setShowValue(columns <= 20 && rows <= 25);
        // black cell values stay readable on this light-to-mid blue range
        chart.getStyler().setValueFontColor(Color.BLACK);
        chart.getStyler().setRangeColors(new Color[] {new Color(0xf7fbff), new Color(0x9ecae1), new Color(0x3182bd)});
        // XChart draws y upward: list the rows bottom first so row 0 is on top, as in a matrix
        List<String> yNames = new ArrayList<>(Arrays.asList(rowNames));
        Collections.reverse(yNames);
        List<Number[]> cells = new ArrayList<>(rows * columns);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double v = matrix[r][c];
                if (!Double.isFinite(v)) {
                    continue; // left blank, as imshow does: one NaN made every cell black and the scale NaN to NaN
                }
                cells.add(new Number[] {c, rows - 1 - r, v});
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("heatmap: every cell is NaN or infinite; there is nothing to colour");
        }
        // label every row and column while they fit (XChart thins category labels closer than its spacing hint);
        // beyond ~40 columns every label ran into the next
        chart.getStyler().setXAxisTickMarkSpacingHint(columns > 40 ? 36 : 12);
        chart.getStyler().setYAxisTickMarkSpacingHint(rows > 40 ? 20 : 12);
        chart.getStyler().setMin(min);
        chart.getStyler().setMax(max > min ? max : min + 1);
        chart.addSeries("values", Arrays.asList(columnNames), yNames, cells);
        return chart;
    }

    /**
     * A confusion matrix: true classes down, predicted classes across, counts in the cells.
     *
     * @param actual      the true class of each example, 0 to classNames.length - 1
     * @param predicted   the predicted class of each example
     * @param classNames  a name per class
     */
    public static HeatMapChart confusion(int[] actual, int[] predicted, String[] classNames) {
        PlotInput.requireNames(classNames, "confusion: class name", "class");
        int[][] counts = ConfusionMatrix.count(actual, predicted, classNames.length);
        HeatMapChart chart = heatmap(PlotInput.toDouble(counts), classNames, classNames);
        chart.getStyler().setHeatMapValueDecimalPattern("#");
        chart.getStyler().setXAxisLabelRotation(classNames.length > 5 ? 45 : 0);
        chart.getStyler().setLegendVisible(false);
        chart.setXAxisTitle("predicted");
        chart.setYAxisTitle("actual");
        chart.setTitle(String.format(Locale.ROOT, "accuracy %.1f%%", 100 * ConfusionMatrix.accuracy(counts)));
        return chart;
    }

    // ---- images ----

    /** A grid of square grey images, one flattened image per row (e.g. 784 values for 28×28), values in [0,1] or [0,255]. */
    public static BufferedImage images(float[][] pixels) {
        return ImageGrid.ofRows(pixels, null);
    }

    /** A grid of square grey images with a caption under each. */
    public static BufferedImage images(float[][] pixels, String[] labels) {
        return ImageGrid.ofRows(pixels, labels);
    }

    /** A grid of images from a flat NCHW array ({@code shape = {N, C, H, W}}, C = 1 or 3), or NHW ({@code {N, H, W}}). */
    public static BufferedImage images(float[] nchw, int[] shape, String[] labels) {
        return ImageGrid.ofNchw(nchw, shape, labels);
    }

    /** As {@link #images(float[], int[], String[])} with class indices and class names as captions. */
    public static BufferedImage images(float[] nchw, int[] shape, int[] labels, String[] classNames) {
        return ImageGrid.ofNchw(nchw, shape, captions(labels, classNames));
    }

    /** A grid of square grey images captioned with their class names. */
    public static BufferedImage images(float[][] pixels, int[] labels, String[] classNames) {
        return ImageGrid.ofRows(pixels, captions(labels, classNames));
    }

    /** The first n images of a dataset, captioned with their class names. */
    public static BufferedImage images(ImageDataset data, int n) {
        ImageDataset shown = data.limit(n);
        if (shown.size() == 0) {
            throw new IllegalArgumentException("images(data, n) needs n of at least 1 and a dataset that is not empty");
        }
        String[] names = shown.classNames().toArray(new String[0]);
        return ImageGrid.ofNchw(shown.images(), shown.shape(), captions(shown.labels(), names));
    }

    /** Captions for class indices: {@code captions(new int[]{0, 3}, names)} gives names[0], names[3]. */
    public static String[] captions(int[] labels, String[] classNames) {
        String[] captions = new String[labels.length];
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i];
            captions[i] = label >= 0 && label < classNames.length ? classNames[label] : Integer.toString(label);
        }
        return captions;
    }

    // ---- tensors ----

    /** A line of a 1-D tensor's values against their index. */
    public static XYChart line(Tensor y) {
        return line(PlotInput.values(y, "y"));
    }

    /** A line of y against x, both 1-D tensors. */
    public static XYChart line(Tensor x, Tensor y) {
        return line(PlotInput.values(x, "x"), PlotInput.values(y, "y"));
    }

    public static XYChart scatter(Tensor x, Tensor y) {
        return scatter(PlotInput.values(x, "x"), PlotInput.values(y, "y"));
    }

    public static CategoryChart bar(String[] categories, Tensor values) {
        return bar(categories, PlotInput.values(values, "values"));
    }

    /** A histogram of every value of a tensor, 20 bins. */
    public static CategoryChart hist(Tensor values) {
        return hist(PlotInput.values(values, "values"), 20);
    }

    public static CategoryChart hist(Tensor values, int bins) {
        return hist(PlotInput.values(values, "values"), bins);
    }

    /** A heat map of a 2-D tensor. */
    public static HeatMapChart heatmap(Tensor matrix) {
        return heatmap(PlotInput.matrix(PlotInput.host(matrix, "matrix"), "matrix"));
    }

    /**
     * A confusion matrix from tensors: class indices, or for {@code predicted} also scores [N, C] (logits or
     * probabilities), whose largest entry per row is the predicted class.
     */
    public static HeatMapChart confusion(Tensor actual, Tensor predicted, String[] classNames) {
        return confusion(PlotInput.classes(PlotInput.host(actual, "actual")), PlotInput.classes(PlotInput.host(predicted, "predicted")), classNames);
    }

    /** As {@link #confusion(Tensor, Tensor, String[])} with a Java array for the true classes. */
    public static HeatMapChart confusion(int[] actual, Tensor predicted, String[] classNames) {
        return confusion(actual, PlotInput.classes(PlotInput.host(predicted, "predicted")), classNames);
    }

    /** As {@link #confusion(Tensor, Tensor, String[])} with Java arrays for the true classes and host scores. */
    public static HeatMapChart confusion(int[] actual, HostArray predicted, String[] classNames) {
        return confusion(actual, PlotInput.classes(predicted), classNames);
    }

    /** A grid of images from a tensor [N, C, H, W], [N, H, W] or [N, H×W] (square grey images). */
    public static BufferedImage images(Tensor images) {
        HostArray host = PlotInput.host(images, "images");
        return ImageGrid.ofNchw(host.toFloatArray(), PlotInput.imageShape(host.shape()), null);
    }

    /** A grid of images captioned with their labels' class names; labels may be a tensor of class indices or null. */
    public static BufferedImage images(Tensor images, Tensor labels, String[] classNames) {
        HostArray host = PlotInput.host(images, "images");
        String[] captions = labels == null ? null : captions(PlotInput.classes(PlotInput.host(labels, "labels")), classNames);
        return ImageGrid.ofNchw(host.toFloatArray(), PlotInput.imageShape(host.shape()), captions);
    }

    /** A grid of images captioned with their labels (class indices, or scores per class whose largest wins). */
    public static BufferedImage images(Tensor images, Tensor labels) {
        HostArray host = PlotInput.host(images, "images");
        int[] classes = PlotInput.classes(PlotInput.host(labels, "labels"));
        String[] captions = new String[classes.length];
        for (int i = 0; i < classes.length; i++) {
            captions[i] = Integer.toString(classes[i]);
        }
        return ImageGrid.ofNchw(host.toFloatArray(), PlotInput.imageShape(host.shape()), captions);
    }

    /** A grid of images with a caption under each. */
    public static BufferedImage images(Tensor images, String[] labels) {
        HostArray host = PlotInput.host(images, "images");
        return ImageGrid.ofNchw(host.toFloatArray(), PlotInput.imageShape(host.shape()), labels);
    }

    /** A grid of images captioned by class index and name. */
    public static BufferedImage images(Tensor images, int[] labels, String[] classNames) {
        return images(images, captions(labels, classNames));
    }

    // ---- training histories ----

    /**
     * Loss and metrics of one or more training runs on one chart. With two or more epochs per run, x is the epoch
     * and every per-epoch series is drawn (loss, metrics, val_*); otherwise the loss of every step. Runs are named
     * by their backend ({@code torch loss}, {@code tf loss}).
     */
    public static XYChart history(History... runs) {
        return history(namedByBackend(runs));
    }

    /** Runs keyed by their backend's name, numbered when a backend ran more than once. */
    private static Map<String, History> namedByBackend(History... runs) {
        Map<String, History> named = new java.util.LinkedHashMap<>();
        for (History run : runs) {
            String name = run.backend();
            for (int i = 2; named.containsKey(name); i++) {
                name = run.backend() + " #" + i;
            }
            named.put(name, run);
        }
        return named;
    }

    /** As {@link #history(History...)} with a name for each run. */
    public static XYChart history(Map<String, History> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("history(...) needs at least one History (what model.fit returns)");
        }
        boolean byEpoch = runs.values().stream().allMatch(h -> h.epochs().size() >= 2);
        if (!byEpoch) {
            return losses(runs);
        }
        XYChart chart = xyChart();
        chart.setXAxisTitle("epoch");
        chart.setTitle("training history");
        boolean prefix = runs.size() > 1;
        runs.forEach((name, run) -> run.epochSeries().forEach((series, y) -> {
            double[] epochs = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                epochs[i] = i + 1;
            }
            addLine(chart, prefix ? name + " " + series : series, epochs, y);
        }));
        return chart;
    }

    /** The loss of every step of one or more runs, one line per run. */
    public static XYChart losses(History... runs) {
        return losses(namedByBackend(runs));
    }

    /** The loss of every step of named runs, one line per run. */
    public static XYChart losses(Map<String, History> runs) {
        XYChart chart = xyChart();
        chart.setXAxisTitle("step");
        chart.setYAxisTitle("loss");
        chart.setTitle("loss per step");
        runs.forEach((name, run) -> {
            double[] y = run.losses();
            if (y.length == 0) {
                throw new IllegalArgumentException("the history of " + name + " has no steps: there is no loss to plot");
            }
            double[] steps = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                steps[i] = i + 1;
            }
            addLine(chart, name, steps, y);
        });
        chart.getStyler().setLegendVisible(runs.size() > 1);
        return chart;
    }

    // ---- output format ----

    /** One chart shown as SVG (vector graphics) whatever the session's chart format: make it a cell's value. */
    @SuppressWarnings("rawtypes") // any XChart chart
    public static MimeBundle svg(Chart chart) throws IOException {
        return ChartRenderer.svgBundle(chart);
    }

    /** How charts are shown from now on in this session: PNG (the default) or SVG. */
    public static void chartFormat(ChartFormat format) {
        ChartRenderer.setFormat(format);
    }

    // ---- helpers ----

    private static XYChart xyChart() {
        XYChart chart = new XYChart(DEFAULT_WIDTH, DEFAULT_HEIGHT);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartTitleVisible(true);
        return chart;
    }

    private static CategoryChart categoryChart() {
        CategoryChart chart = new CategoryChart(DEFAULT_WIDTH, DEFAULT_HEIGHT);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        return chart;
    }

    private static double[] indices(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    private static String[] labels(int n) {
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = Integer.toString(i);
        }
        return names;
    }
}
