package io.juxta.toolkit.compare;

import io.juxta.frameworks.train.History;
import io.juxta.toolkit.plot.Plots;
import io.juxta.toolkit.render.TableRenderer;
import io.juxta.toolkit.timing.TimeFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * What {@code %%compare} found: per backend the times, CPU time, memory and the cell's value, side by side, and
 * how closely the values agree. The newest report stays available to later cells as {@link #last()}.
 */
public final class ComparisonReport {
    private static volatile ComparisonReport last;

    private final List<BackendRun> runs;
    private final int timedRuns;
    private final int warmupRuns;
    private final long seed;
    private final boolean checked;
    private final String randomnessNote;
    private final double emptyCellSeconds;
    private final Map<String, List<Agreement.Difference>> differences = new LinkedHashMap<>();

    /**
     * @param randomnessNote why values may legitimately differ (the cell uses backend random ops on a backend
     *                       without random parity), or "" when they should agree
     */
    public ComparisonReport(List<BackendRun> runs, int timedRuns, int warmupRuns, long seed, boolean check, String randomnessNote) {
        this(runs, timedRuns, warmupRuns, seed, check, randomnessNote, Double.NaN);
    }

    /**
     * @param emptyCellSeconds how long running an empty cell takes (JShell compiles the cell on every run, so each
     *                         time includes this much), NaN when not measured
     */
    public ComparisonReport(List<BackendRun> runs, int timedRuns, int warmupRuns, long seed, boolean check, String randomnessNote,
                            double emptyCellSeconds) {
        this.emptyCellSeconds = emptyCellSeconds;
        this.runs = List.copyOf(runs);
        this.timedRuns = timedRuns;
        this.warmupRuns = warmupRuns;
        this.seed = seed;
        this.checked = check;
        this.randomnessNote = randomnessNote == null ? "" : randomnessNote;
        BackendRun reference = runs.stream().filter(BackendRun::ok).findFirst().orElse(null);
        if (check && reference != null) {
            for (BackendRun other : runs) {
                if (other != reference && other.ok()) {
                    differences.put(other.backend() + " vs " + reference.backend(), Agreement.compare(reference.compared(), other.compared()));
                }
            }
        }
    }

    /** The report of the newest {@code %%compare} in this session. */
    public static ComparisonReport last() {
        ComparisonReport report = last;
        if (report == null) {
            throw new IllegalStateException("no %%compare has run in this session yet");
        }
        return report;
    }

    /** Makes a report the one {@link #last()} returns. */
    public static void remember(ComparisonReport report) {
        last = report;
    }

    public List<BackendRun> runs() {
        return runs;
    }

    /** One backend's column. */
    public BackendRun run(String backend) {
        return runs.stream().filter(r -> r.backend().equals(backend)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no backend " + backend + " in this report; it has "
                        + runs.stream().map(BackendRun::backend).toList()));
    }

    /** The cell's value on one backend. */
    public Object value(String backend) {
        return run(backend).value();
    }

    public int timedRuns() {
        return timedRuns;
    }

    public int warmupRuns() {
        return warmupRuns;
    }

    public long seed() {
        return seed;
    }

    /** How long an empty cell takes to run; every time in the report includes about this much (JShell's compile). */
    public double emptyCellSeconds() {
        return emptyCellSeconds;
    }

    /** Differences of each other backend's value against the first backend that ran, by pair ("tf vs torch"). */
    public Map<String, List<Agreement.Difference>> differences() {
        return differences;
    }

    /** Whether every compared value agrees within tolerance; empty when nothing was compared. */
    public Optional<Boolean> agrees() {
        List<Agreement.Difference> all = differences.values().stream().flatMap(List::stream).toList();
        if (all.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(all.stream().allMatch(d -> d.comparable() && d.close()));
    }

    /** Median wall time of one backend divided by another's ("tf is 1.8× torch"). */
    public double speedRatio(String backend, String over) {
        return run(backend).medianSeconds() / run(over).medianSeconds();
    }

    /** The one-line verdict on agreement. */
    public String verdict() {
        if (!checked) {
            return "not checked (--no-check)";
        }
        Optional<Boolean> agrees = agrees();
        if (agrees.isEmpty()) {
            long ok = runs.stream().filter(BackendRun::ok).count();
            return ok < 2 ? "not compared: fewer than two backends ran" : "not compared: the cell returned no value";
        }
        if (agrees.get()) {
            return String.format(Locale.ROOT, "agree: every value within rtol %.0e, atol %.0e", Agreement.RELATIVE_TOLERANCE,
                    Agreement.ABSOLUTE_TOLERANCE);
        }
        boolean incomparable = differences.values().stream().flatMap(List::stream).anyMatch(d -> !d.comparable());
        if (!randomnessNote.isEmpty()) {
            return "differ, as expected: " + randomnessNote;
        }
        return incomparable ? "differ: some values cannot be compared (see below)" : "differ: beyond rtol 1e-3, atol 1e-5";
    }

    // ---- charts ----

    /** Median and fastest wall time per backend that ran, in the unit that suits the numbers. */
    public CategoryChart timesChart() {
        List<BackendRun> ran = runs.stream().filter(r -> r.ok() && !r.seconds().isEmpty()).toList();
        if (ran.isEmpty()) {
            return null;
        }
        double largest = ran.stream().mapToDouble(BackendRun::medianSeconds).max().orElse(1);
        double scale = largest >= 1 ? 1 : largest >= 1e-3 ? 1e3 : 1e6;
        String unit = scale == 1 ? "s" : scale == 1e3 ? "ms" : "µs";
        CategoryChart chart = new CategoryChart(Plots.DEFAULT_WIDTH, 320);
        chart.setTitle("wall time per run (" + timedRuns + " timed, " + warmupRuns + " warm-up excluded)");
        chart.setYAxisTitle(unit);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        List<String> names = ran.stream().map(BackendRun::backend).toList();
        chart.addSeries("median", names, ran.stream().map(r -> (Number) (r.medianSeconds() * scale)).toList());
        chart.addSeries("min", names, ran.stream().map(r -> (Number) (r.minSeconds() * scale)).toList());
        return chart;
    }

    /** The loss of every step of each backend on one chart, when every backend that ran returned a History; else null. */
    public XYChart lossChart() {
        Map<String, History> histories = new LinkedHashMap<>();
        for (BackendRun run : runs) {
            if (run.ok() && run.value() instanceof History history && history.losses().length > 0) {
                histories.put(run.backend(), history);
            }
        }
        long ran = runs.stream().filter(BackendRun::ok).count();
        return histories.isEmpty() || histories.size() != ran ? null : Plots.losses(histories);
    }

    // ---- text and HTML ----

    private List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("version", BackendRun::version));
        rows.add(row("median time", r -> time(r.medianSeconds())));
        rows.add(row("min time", r -> time(r.minSeconds())));
        rows.add(row("warm-up (excluded)", r -> r.warmupSeconds().isEmpty() ? "none"
                : String.join(", ", r.warmupSeconds().stream().map(ComparisonReport::time).toList())));
        rows.add(row("CPU time (median)", r -> time(r.medianCpuSeconds())));
        rows.add(row("peak heap", r -> bytes(r.peakHeapBytes())));
        rows.add(row("peak RSS (heap + native)", r -> bytes(r.peakRssBytes())));
        rows.add(row("native memory kept", r -> r.rssGrowthBytes() < 0 ? "?" : bytes(r.rssGrowthBytes())));
        return rows;
    }

    private String[] row(String label, Function<BackendRun, String> cell) {
        String[] row = new String[runs.size() + 1];
        row[0] = label;
        for (int i = 0; i < runs.size(); i++) {
            BackendRun run = runs.get(i);
            row[i + 1] = run.ok() || label.equals("version") ? cell.apply(run) : "—";
        }
        return row;
    }

    private static String time(double seconds) {
        return Double.isNaN(seconds) ? "—" : TimeFormat.seconds(seconds);
    }

    private static String bytes(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }

    private String header() {
        String header = String.format(Locale.ROOT, "%%%%compare: %d timed run%s per backend after %d warm-up, seed %d", timedRuns,
                timedRuns == 1 ? "" : "s", warmupRuns, seed);
        return Double.isNaN(emptyCellSeconds) ? header
                : header + "; each time includes compiling the cell (an empty cell takes " + TimeFormat.seconds(emptyCellSeconds) + ")";
    }

    private List<String> differenceLines() {
        List<String> lines = new ArrayList<>();
        differences.forEach((pair, list) -> list.forEach(d -> lines.add(pair + "  " + d)));
        return lines;
    }

    /** The report as aligned text, for front ends that show no HTML. */
    public String text() {
        StringBuilder out = new StringBuilder(header()).append('\n');
        List<String[]> rows = rows();
        String[] names = new String[runs.size() + 1];
        names[0] = "";
        for (int i = 0; i < runs.size(); i++) {
            names[i + 1] = runs.get(i).backend();
        }
        rows.add(0, names);
        int[] widths = new int[names.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                out.append(i == 0 ? "" : "  ").append(row[i]).append(" ".repeat(widths[i] - row[i].length()));
            }
            out.append('\n');
        }
        for (BackendRun run : runs) {
            out.append('\n').append(run.backend()).append(run.ok() ? " value:\n" + run.valueText() : " FAILED: " + run.error()).append('\n');
        }
        out.append("\nagreement: ").append(verdict()).append('\n');
        differenceLines().forEach(line -> out.append("  ").append(line).append('\n'));
        return out.toString().stripTrailing();
    }

    /** The report as an HTML table with one column per backend. */
    public String html() {
        StringBuilder out = new StringBuilder("<div class=\"juxta-compare\">\n<table class=\"dataframe\">\n<caption>")
                .append(TableRenderer.escape(header())).append("</caption>\n<thead><tr><th></th>");
        for (BackendRun run : runs) {
            out.append("<th>").append(TableRenderer.escape(run.backend())).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (String[] row : rows()) {
            out.append("<tr><th style=\"text-align:left\">").append(TableRenderer.escape(row[0])).append("</th>");
            for (int i = 1; i < row.length; i++) {
                out.append("<td>").append(TableRenderer.escape(row[i])).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("<tr><th style=\"text-align:left\">value</th>");
        for (BackendRun run : runs) {
            out.append("<td style=\"text-align:left;vertical-align:top\">");
            if (run.ok()) {
                out.append("<pre style=\"margin:0\">").append(TableRenderer.escape(run.valueText())).append("</pre>");
            } else {
                out.append("<pre style=\"margin:0;color:#b00\">FAILED: ").append(TableRenderer.escape(run.error())).append("</pre>");
            }
            out.append("</td>");
        }
        out.append("</tr>\n</tbody>\n</table>\n<p><b>agreement:</b> ").append(TableRenderer.escape(verdict())).append("</p>\n");
        if (!differences.isEmpty()) {
            out.append("<table class=\"dataframe\">\n<thead><tr><th>pair</th><th>what</th><th>max abs diff</th><th>max rel diff</th><th></th></tr></thead>\n<tbody>\n");
            differences.forEach((pair, list) -> list.forEach(d -> out.append("<tr><td>").append(TableRenderer.escape(pair))
                    .append("</td><td>").append(TableRenderer.escape(d.what())).append("</td><td>")
                    .append(d.comparable() ? String.format(Locale.ROOT, "%.3g", d.maxAbs()) : "—").append("</td><td>")
                    .append(d.comparable() ? String.format(Locale.ROOT, "%.3g", d.maxRel()) : "—").append("</td><td>")
                    .append(TableRenderer.escape(d.comparable() ? (d.close() ? "close" : "differs") + d.nanNote() : d.note()))
                    .append("</td></tr>\n")));
            out.append("</tbody>\n</table>\n");
        }
        return out.append("</div>").toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
