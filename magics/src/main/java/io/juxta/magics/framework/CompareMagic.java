package io.juxta.magics.framework;

import io.juxta.frameworks.Backend;
import io.juxta.frameworks.Backends;
import io.juxta.frameworks.Capability;
import io.juxta.frameworks.Rng;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.train.Fit;
import io.juxta.frameworks.train.TrainingListener;
import io.juxta.frameworks.train.TrainingListeners;
import io.juxta.kernel.api.CellError;
import io.juxta.kernel.api.MimeBundle;
import io.juxta.kernel.api.Session;
import io.juxta.magics.Invocation;
import io.juxta.magics.Magic;
import io.juxta.magics.spec.ArgType;
import io.juxta.magics.spec.Area;
import io.juxta.magics.spec.MagicKind;
import io.juxta.magics.spec.MagicSpec;
import io.juxta.magics.spec.UsageException;
import io.juxta.toolkit.compare.Agreement;
import io.juxta.toolkit.compare.BackendRun;
import io.juxta.toolkit.compare.ComparisonReport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * {@code %%compare}: runs one cell on each backend with the same seed, times it fairly and shows one report
 * ({@link ComparisonReport}). A failure on one backend fills its column; the others still run.
 */
final class CompareMagic {
    /** Backend random ops: dropout masks and rand/randn draw different numbers per framework. */
    private static final Pattern RANDOM_OPS = Pattern.compile("\\b(Dropout|dropout|rand|randn|randomUniform|randomNormal|randomUniformLike)\\b");
    /** A library's own API runs on that library whichever backend %%compare picks. */
    private static final Pattern OWN_API = Pattern.compile("\\borg\\.(bytedeco\\.pytorch|tensorflow)\\b");
    /** %torch or %tf in the body would switch every run to one backend. */
    private static final Pattern BACKEND_MAGIC = Pattern.compile("(?m)^[ \\t]*%(torch|tf)\\b");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final int MAX_VALUE_LINES = 30;
    private static final int MAX_VALUE_CHARS = 4000;

    Magic magic() {
        return Magic.of(MagicSpec.builder("compare").kind(MagicKind.CELL).area(Area.FRAMEWORK)
                .summary("Run the cell on each backend with the same seed: times, memory, values side by side and their agreement.")
                .details("Before every run the host generator (weights, data order) and the backend's own generator are "
                        + "seeded with --seed, so each backend starts from identical weights and sees the same batches; "
                        + "models the cell takes from earlier cells are reset to their weights before every run (their "
                        + "optimizer state is not). "
                        + "The first --warmup runs of each backend are not timed (JIT, TensorFlow's tracing, caches) and are "
                        + "reported apart; then --runs rounds are timed, each running every backend once in turn. A returned tensor is copied to the host before the "
                        + "clock stops, so asynchronous devices finish their work inside the timing. JShell compiles the "
                        + "cell on every run, so each time includes that; the report says how long an empty cell takes. "
                        + "For a single expression, %timeit times compiled code. What the cell prints is shown once per "
                        + "backend, from its first run, under the backend's name; later runs' output is counted, not shown.\n"
                        + "Per backend the report shows median and fastest wall time, CPU time of the process, peak Java "
                        + "heap, peak resident set (heap and native memory), the native memory the runs kept (growth of the "
                        + "resident set beyond the heap's) and the cell's value. Values are compared "
                        + "with the first backend's: tensors, numbers and arrays element by element, models by their "
                        + "weights, training histories by their loss and metric curves; the maximum absolute and relative "
                        + "differences are listed. Cells that use dropout or rand/randn draw different random numbers on "
                        + "each framework, which the report says rather than flagging a mismatch. A bar chart of the times "
                        + "follows, and the loss curves of both when the cell returns the History of fit.\n"
                        + "A failure on one backend shows in its column; the other backends still run; a cell that fails "
                        + "on every backend ends in an error after the report, so Run All stops there. A %torch or %tf "
                        + "line in the cell, or a call to a library's own API (org.bytedeco.pytorch, org.tensorflow), is "
                        + "refused: every column would run that one library. Afterwards the "
                        + "variables the cell defined hold the values of the last backend's last run (tf with the "
                        + "default order), and the session's backend is the one chosen before. The report is also "
                        + "ComparisonReport.last(), or a variable with -o NAME.")
                .option(null, "backends", ArgType.STRING, "torch,tf", "LIST", "the backends to run, comma-separated, in order")
                .option('n', "runs", ArgType.INT, 1, "N", "timed runs per backend")
                .option('w', "warmup", ArgType.INT, 1, "K", "untimed warm-up runs per backend before the timed ones")
                .option('s', "seed", ArgType.INT, 0, "S", "seed of the host and backend generators before each run")
                .flag(null, "no-check", "do not compare the values")
                .option('o', "output", ArgType.STRING, null, "NAME", "also store the report in a variable NAME")
                .build(), this::compare);
    }

    private Object compare(Invocation call) throws Exception {
        int runs = call.args().intOption("runs");
        int warmup = call.args().intOption("warmup");
        long seed = call.args().intOption("seed");
        String output = call.args().stringOption("output");
        if (runs < 1) {
            throw new UsageException("--runs must be at least 1, not " + runs);
        }
        if (warmup < 0) {
            throw new UsageException("--warmup must be 0 or more, not " + warmup);
        }
        if (output != null && (!SourceVersion.isIdentifier(output) || SourceVersion.isKeyword(output))) {
            throw new UsageException("-o takes a Java variable name, not '" + output + "'");
        }
        if (call.body().isBlank()) {
            throw new UsageException("the cell is empty: write the code to compare below %%compare");
        }
        checkBody(call.body());
        List<String> backends = backends(call.args().stringOption("backends"));
        Session session = call.session();
        double emptyCell = emptyCellSeconds(call);
        ModelSnapshot models = ModelSnapshot.of(session, call.body());
        String previous = Backends.currentName();
        List<Lane> lanes = new ArrayList<>();
        // one status line instead of a progress bar per run; fit prints nothing meanwhile
        Function<Fit, TrainingListener> bars = TrainingListeners.getDefault();
        TrainingListeners.setDefault(fit -> new TrainingListener() {});
        Status status = new Status(session, backends.size() * (warmup + runs));
        long start = System.nanoTime();
        boolean completed = false;
        RunOutput printed = RunOutput.install();
        try {
            for (String name : backends) {
                Lane lane = new Lane(name);
                lanes.add(lane);
                for (int i = 0; i < warmup && lane.ok(); i++) {
                    status.show(name + " warm-up run " + (i + 1) + "/" + warmup);
                    printed.begin(name);
                    runOnce(lane, call, seed, models, false, i);
                }
            }
            // timed runs alternate between backends, so a change in machine load does not favour one of them
            for (int i = 0; i < runs; i++) {
                for (Lane lane : lanes) {
                    if (lane.ok()) {
                        status.show(lane.name + " timed run " + (i + 1) + "/" + runs);
                        printed.begin(lane.name);
                        runOnce(lane, call, seed, models, true, i);
                    }
                }
            }
            completed = true;
        } finally {
            printed.close();
            TrainingListeners.setDefault(bars);
            if (!previous.equals("none")) {
                Backends.use(previous);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // an interrupt (or an error of the magic's own) ends the runs early: the line must not claim they all ran
            status.finish(completed
                    ? String.format(Locale.ROOT, "%%%%compare ran %s in %.1f s", String.join(" and ", backends), seconds)
                    : String.format(Locale.ROOT, "%%%%compare stopped after %.1f s, before all runs were done", seconds));
        }
        List<BackendRun> columns = new ArrayList<>();
        for (Lane lane : lanes) {
            columns.add(lane.column(session));
        }
        List<Backend> loaded = lanes.stream().filter(l -> l.backend != null).map(l -> l.backend).toList();
        ComparisonReport report = new ComparisonReport(columns, runs, warmup, seed, !call.args().flag("no-check"),
                randomnessNote(call.body(), loaded), emptyCell);
        ComparisonReport.remember(report);
        if (output != null) {
            session.eval(ComparisonReport.class.getName() + " " + output + " = " + ComparisonReport.class.getName() + ".last();");
        }
        session.display(report);
        if (report.timesChart() != null) {
            session.display(report.timesChart());
        }
        if (report.lossChart() != null) {
            session.display(report.lossChart());
        }
        if (lanes.stream().noneMatch(Lane::ok)) {
            // a broken cell must stop Run All, as it would without %%compare
            throw CellError.of("CompareFailed", "the cell failed on " + String.join(" and ", backends) + " (see the report above)");
        }
        return Session.NO_VALUE;
    }

    /** The code with comments, strings and text blocks blanked out (line breaks kept): they may name anything. */
    static String codeOnly(String java) {
        StringBuilder out = new StringBuilder(java.length());
        int i = 0;
        int n = java.length();
        while (i < n) {
            char c = java.charAt(i);
            String end = null;
            if (java.startsWith("//", i)) {
                end = "\n";
            } else if (java.startsWith("/*", i)) {
                end = "*/";
            } else if (java.startsWith("\"\"\"", i)) {
                end = "\"\"\"";
            } else if (c == '"' || c == '\'') {
                end = String.valueOf(c);
            }
            if (end == null) {
                out.append(c);
                i++;
                continue;
            }
            int from = i;
            boolean literal = !end.equals("\n") && !end.equals("*/"); // escapes exist in literals only
            i += end.length() == 3 ? 3 : end.equals("*/") ? 2 : 1;
            while (i < n && !java.startsWith(end, i)) {
                i += literal && java.charAt(i) == '\\' ? 2 : 1;
            }
            i = Math.min(n, i + (end.equals("\n") ? 0 : end.length()));
            for (int k = from; k < i; k++) {
                out.append(java.charAt(k) == '\n' ? '\n' : ' ');
            }
        }
        return out.toString();
    }

    /** Cells whose runs would all end up on one library: the comparison would show two columns of the same thing. */
    static void checkBody(String cell) {
        String body = codeOnly(cell);
        Matcher magic = BACKEND_MAGIC.matcher(body);
        if (magic.find()) {
            throw new UsageException("%%compare runs the cell on each backend in turn, and the %" + magic.group(1)
                    + " line in it would switch every run to one: remove it (choose the backends with --backends)");
        }
        Matcher own = OWN_API.matcher(body);
        if (own.find()) {
            String library = own.group(1).equals("tensorflow") ? "TensorFlow" : "PyTorch";
            throw new UsageException("the cell calls " + library + "'s own API (org." + own.group(1) + "), which runs on "
                    + library + " whichever backend %%compare picks: write it with the portable API (Ops, Tensor, nn) to"
                    + " compare frameworks, or run it without %%compare");
        }
    }

    /** The median time of running a cell that does nothing: JShell compiles every run, and every time includes this. */
    private static double emptyCellSeconds(Invocation call) throws CellError {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long start = System.nanoTime();
            call.runCell("{ }");
            if (i > 0) {
                times.add((System.nanoTime() - start) / 1e9);
            }
        }
        return BackendRun.median(times);
    }

    /** The backends named by --backends, each known, none twice. */
    static List<String> backends(String list) {
        List<String> available = Backends.available();
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String part : list.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            String canonical = name.equals("pytorch") ? "torch" : name.equals("tensorflow") ? "tf" : name;
            if (!available.contains(canonical)) {
                throw new UsageException("unknown backend '" + part.trim() + "' in --backends: available are " + String.join(", ", available));
            }
            if (!names.add(canonical)) {
                throw new UsageException("--backends names " + canonical + " twice");
            }
        }
        if (names.isEmpty()) {
            throw new UsageException("--backends names no backend: give e.g. --backends torch,tf");
        }
        return List.copyOf(names);
    }

    /** A line saying which run is going on, replaced in place. */
    private static final class Status {
        private final Session session;
        private final int total;
        private int started;
        private String id;

        Status(Session session, int total) {
            this.session = session;
            this.total = total;
        }

        void show(String what) {
            started++;
            MimeBundle line = MimeBundle.text("%%compare: " + what + " (" + started + " of " + total + " runs)");
            if (id == null) {
                id = session.display(line);
            } else {
                session.updateDisplay(id, line);
            }
        }

        void finish(String text) {
            if (id != null) {
                session.updateDisplay(id, MimeBundle.text(text));
            }
        }
    }

    /** One backend's runs so far; a failure ends its runs and becomes its column's error. */
    private static final class Lane {
        final String name;
        final Backend backend;
        final String version;
        final List<Double> warmupSeconds = new ArrayList<>();
        final List<Double> seconds = new ArrayList<>();
        final List<Double> cpuSeconds = new ArrayList<>();
        final RunMeter meter = new RunMeter();
        long peakHeap = -1;
        long peakRss = -1;
        long rssGrowth;
        boolean rssKnown = true;
        Object value;
        Object compared;
        String error;

        Lane(String name) {
            this.name = name;
            Backend loaded = null;
            String loadError = null;
            try {
                loaded = Backends.backend(name);
            } catch (RuntimeException | LinkageError e) {
                loadError = "could not load the backend: " + e;
            }
            this.backend = loaded;
            this.version = loaded == null ? "?" : loaded.version();
            this.error = loadError;
        }

        boolean ok() {
            return error == null;
        }

        BackendRun column(Session session) {
            if (!ok()) {
                return new BackendRun(name, version, seconds, warmupSeconds, cpuSeconds, peakHeap, peakRss, -1, null, null, "", error);
            }
            boolean none = value == Session.NO_VALUE;
            return new BackendRun(name, version, seconds, warmupSeconds, cpuSeconds, peakHeap, peakRss,
                    rssKnown ? Math.max(0, rssGrowth) : -1, none ? null : value, none ? null : compared,
                    none ? "(no value)" : preview(value, session), null);
        }
    }

    /** One run of the cell on a lane's backend, from the same seeds and model weights as every other run. */
    private static void runOnce(Lane lane, Invocation call, long seed, ModelSnapshot models, boolean timed, int index) throws CellError {
        Session session = call.session();
        Backends.use(lane.name);
        models.restore();
        prepare(lane.backend, seed);
        long rssBefore = RunMeter.rssBytes();
        long heapBefore = RunMeter.heapCommittedBytes();
        lane.meter.start();
        Object result;
        try {
            result = call.runCell(call.body());
            synchronize(result);
        } catch (CellError | RuntimeException e) {
            if (session.interruptRequested()) {
                throw CellError.of("Interrupted", "%%compare was interrupted while running on " + lane.name);
            }
            lane.error = (timed ? "run " + (index + 1) : "warm-up run " + (index + 1)) + " failed: " + describe(e);
            return;
        }
        RunMeter.Usage usage = lane.meter.stop();
        if (!timed) {
            lane.warmupSeconds.add(usage.seconds());
            return;
        }
        lane.seconds.add(usage.seconds());
        lane.cpuSeconds.add(usage.cpuSeconds());
        lane.peakHeap = Math.max(lane.peakHeap, usage.peakHeapBytes());
        lane.peakRss = Math.max(lane.peakRss, usage.peakRssBytes());
        lane.rssKnown &= rssBefore >= 0 && usage.rssBytes() >= 0;
        // resident memory the run kept, less what the Java heap grew by: native memory such as tensors left alive
        lane.rssGrowth += usage.rssBytes() - rssBefore - (RunMeter.heapCommittedBytes() - heapBefore);
        lane.value = result;
        // the next backend may train the very same model object: keep its weights as they are now
        lane.compared = result == Session.NO_VALUE ? null : Agreement.freeze(result);
    }

    /** The same starting point for every run: seeded generators and a collected heap. */
    private static void prepare(Backend backend, long seed) {
        Rng.seed(seed);
        backend.manualSeed(seed);
        System.gc();
    }

    /** Waits for the device: a returned tensor is read back to the host before the clock stops. */
    private static void synchronize(Object value) {
        if (value instanceof Tensor tensor && !tensor.isSymbolic()) {
            tensor.toHost();
        }
    }

    private static String describe(Exception e) {
        if (e instanceof CellError error) {
            List<String> lines = error.traceback().stream().limit(8).toList();
            String text = String.join("\n", lines.isEmpty() ? List.of(error.ename() + ": " + error.evalue()) : lines);
            return ANSI.matcher(text).replaceAll("");
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String preview(Object value, Session session) {
        Object text = session.renderers().render(value).get("text/plain");
        String all = String.valueOf(text);
        List<String> lines = all.lines().toList();
        String shown = lines.size() > MAX_VALUE_LINES ? String.join("\n", lines.subList(0, MAX_VALUE_LINES)) + "\n…" : all;
        return shown.length() > MAX_VALUE_CHARS ? shown.substring(0, MAX_VALUE_CHARS) + "…" : shown;
    }

    /** Why values may differ although the code is the same: random ops on a backend without random parity. */
    static String randomnessNote(String code, List<Backend> backends) {
        List<String> without = backends.stream().filter(b -> !b.supports(Capability.RANDOM_PARITY)).map(Backend::name).toList();
        if (without.isEmpty() || backends.size() < 2 || !RANDOM_OPS.matcher(code).find()) {
            return "";
        }
        return "the cell uses backend random ops (dropout or rand/randn), which draw different numbers on "
                + String.join(" and ", without) + " (no RANDOM_PARITY); weights and data order are still identical";
    }
}
