package io.juxta.frameworks.bench;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.MemoryScope;
import io.juxta.frameworks.Ops;
import io.juxta.frameworks.Rng;
import io.juxta.frameworks.Tensor;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.global.torch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * Every variant in one run, interleaved: each round runs each variant's block (in shuffled order) and records the
 * block's median; the table shows the median over rounds and the ratios. The load of a shared machine then hits
 * all variants alike. Python PyTorch runs as a worker process fed the same batch and initial weights.
 *
 * <pre>
 * Interleaved [rounds] [mlpSteps] [--python PYTHON] [--no-python]    the comparison table
 * Interleaved rss torch|tf [steps]                                     RSS growth over API training steps
 * </pre>
 * Run it through the jar ({@code java -jar juxta-frameworks-bench.jar interleaved ...}): {@link BenchMain} sets the
 * worker's thread settings (OMP_WAIT_POLICY=PASSIVE, OPENBLAS_THREAD_TIMEOUT=4) as the kernel does.
 */
@SuppressWarnings("try")   // scopes work by being open, not by being referenced
public final class Interleaved {
    private Interleaved() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("rss")) {
            rss(args.length > 1 ? args[1] : "torch", args.length > 2 ? Integer.parseInt(args[2]) : 10_000);
            return;
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        String python = "/usr/bin/python3";
        int p = rest.indexOf("--python");
        if (p >= 0) {
            python = rest.get(p + 1);
            rest.subList(p, p + 2).clear();
        }
        if (rest.remove("--no-python")) python = null;
        int rounds = rest.size() > 0 ? Integer.parseInt(rest.get(0)) : 15;
        int steps = rest.size() > 1 ? Integer.parseInt(rest.get(1)) : 200;
        compare(rounds, steps, python);
    }

    /** A named block: runs n repetitions and returns their median (µs for steps and ops, ms for matmul). */
    private record Variant(String name, String unit, int reps, java.util.function.IntToDoubleFunction block) {}

    private static void compare(int rounds, int steps, String python) throws Exception {
        System.out.println("OPENBLAS_THREAD_TIMEOUT=" + System.getenv("OPENBLAS_THREAD_TIMEOUT") + ", OMP_WAIT_POLICY=" + System.getenv("OMP_WAIT_POLICY") + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, load average " + loadAverage());
        MlpFixture data = new MlpFixture();
        MlpFixture.ApiModel torchApi = new MlpFixture.ApiModel("torch");
        Path file = Files.createTempFile("juxta-mlp", ".bin");
        data.writeFor(file, torchApi.parameters());    // before any step: Python starts from the same weights
        System.out.println("torch: " + Backends.current().version());
        double torchFirst = torchApi.step.run(data.batch).loss();
        MlpFixture.ApiModel tfApi = new MlpFixture.ApiModel("tf");
        double tfFirst = tfApi.step.run(data.batch).loss();
        System.out.println("tf: " + Backends.current().version());
        DirectTorchMlp torchDirect = new DirectTorchMlp(data);
        DirectTfMlp tfDirect = new DirectTfMlp(data);

        Backends.use("torch");
        Tensor tinyA = Ops.tensor(new float[]{1f}), tinyB = Ops.tensor(new float[]{2f});
        org.bytedeco.pytorch.Tensor nativeA = torch.ones(1), nativeB = torch.ones(1);
        Rng.seed(3);
        HostArray ma = Rng.normal(0, 1, 1024, 1024), mb = Rng.normal(0, 1, 1024, 1024);
        Tensor torchMa = Ops.tensor(ma), torchMb = Ops.tensor(mb);
        DirectMatmul torchMatmul = new DirectMatmul.Torch(ma.toFloatArray(), mb.toFloatArray(), 1024);
        Backends.use("tf");
        Tensor tfMa = Ops.tensor(ma), tfMb = Ops.tensor(mb);
        DirectMatmul tfMatmul = new DirectMatmul.Tf(ma.toFloatArray(), mb.toFloatArray(), 1024);

        PythonWorker py = python == null ? null : PythonWorker.start(python, file);
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("MLP step, portable API on torch", "µs", steps, n -> { Backends.use("torch"); return median(n, () -> torchApi.step.run(data.batch).loss()); }));
        variants.add(new Variant("MLP step, direct libtorch", "µs", steps, n -> median(n, torchDirect::step)));
        variants.add(new Variant("MLP step, direct libtorch + batch copy", "µs", steps, n -> median(n, torchDirect::stepWithCopy)));
        variants.add(new Variant("MLP step, portable API on tf", "µs", steps, n -> { Backends.use("tf"); return median(n, () -> tfApi.step.run(data.batch).loss()); }));
        variants.add(new Variant("MLP step, direct TF graph", "µs", steps, n -> median(n, tfDirect::step)));
        variants.add(new Variant("MLP step, direct TF graph + batch copy", "µs", steps, n -> median(n, tfDirect::stepWithCopy)));
        variants.add(new Variant("tiny add, portable API on torch", "µs", steps * 10, n -> {
            Backends.use("torch");
            return median(n, () -> { try (PointerScope s = new PointerScope()) { return tinyA.add(tinyB).rank(); } });
        }));
        variants.add(new Variant("tiny add, direct libtorch", "µs", steps * 10, n -> median(n, () -> {
            try (PointerScope s = new PointerScope()) { return nativeA.add(nativeB).dim(); }
        })));
        int mm = Math.max(3, steps / 20);
        variants.add(new Variant("matmul 1024², portable API on torch", "ms", mm, n -> { Backends.use("torch"); return median(n, () -> matmul(torchMa, torchMb)) / 1e3; }));
        variants.add(new Variant("matmul 1024², direct libtorch", "ms", mm, n -> median(n, torchMatmul::run) / 1e3));
        variants.add(new Variant("matmul 1024², portable API on tf (eager)", "ms", mm, n -> { Backends.use("tf"); return median(n, () -> matmul(tfMa, tfMb)) / 1e3; }));
        variants.add(new Variant("matmul 1024², direct TF graph", "ms", mm, n -> median(n, tfMatmul::run) / 1e3));
        double pyFirst = Double.NaN;
        if (py != null) {
            pyFirst = py.ask("first");
            variants.add(new Variant("MLP step, Python PyTorch " + py.version, "µs", steps, n -> py.ask("mlp " + n)));
            variants.add(new Variant("tiny add, Python PyTorch", "µs", steps * 10, n -> py.ask("add " + n)));
            variants.add(new Variant("matmul 1024², Python PyTorch", "ms", mm, n -> py.ask("matmul " + n)));
        }

        Map<String, double[]> results = new LinkedHashMap<>();
        for (Variant v : variants) results.put(v.name(), new double[rounds]);
        for (Variant v : variants) v.block().applyAsDouble(Math.max(5, v.reps() / 4));    // warm-up
        List<Variant> order = new ArrayList<>(variants);
        Random shuffle = new Random(42);
        for (int r = 0; r < rounds; r++) {
            Collections.shuffle(order, shuffle);
            for (Variant v : order) results.get(v.name())[r] = v.block().applyAsDouble(v.reps());
        }
        if (py != null) py.close();
        Files.deleteIfExists(file);

        System.out.printf(Locale.ROOT, "%nfirst-step loss from the same weights and batch: API torch %.6f, API tf %.6f, Python %.6f%n", torchFirst, tfFirst, pyFirst);
        System.out.printf(Locale.ROOT, "%d rounds, medians of per-round medians; load average now %s%n%n", rounds, loadAverage());
        System.out.println("| variant | median |\n|---|---:|");
        Map<String, Double> m = new LinkedHashMap<>();
        for (Variant v : variants) {
            double med = medianOf(results.get(v.name()));
            m.put(v.name(), med);
            System.out.printf(Locale.ROOT, "| %s | %s %s |%n", v.name(), v.unit().equals("ms") ? String.format(Locale.ROOT, "%.2f", med) : String.format(Locale.ROOT, "%.1f", med), v.unit());
        }
        System.out.println();
        ratio(m, "MLP step, portable API on torch", "MLP step, direct libtorch", "MLP step API/direct, torch (target <= 1.10)");
        ratio(m, "MLP step, portable API on tf", "MLP step, direct TF graph", "MLP step API/direct, tf (target <= 1.10)");
        ratio(m, "MLP step, portable API on torch", "MLP step, direct libtorch + batch copy", "MLP step API/(direct + batch copy), torch");
        ratio(m, "MLP step, portable API on tf", "MLP step, direct TF graph + batch copy", "MLP step API/(direct + batch copy), tf");
        ratio(m, "tiny add, portable API on torch", "tiny add, direct libtorch", "tiny add API/direct, torch (target <= 1.3)");
        ratio(m, "matmul 1024², direct libtorch", "matmul 1024², portable API on torch", "matmul API speed / direct, torch (target >= 0.90)");
        ratio(m, "matmul 1024², direct TF graph", "matmul 1024², portable API on tf (eager)", "matmul API speed / direct, tf (target >= 0.90)");
        if (py != null) {
            String pyName = "MLP step, Python PyTorch " + py.version;
            ratio(m, "MLP step, portable API on torch", pyName, "MLP step Java API on torch / Python (target <= 1.0)");
        }
    }

    private static double matmul(Tensor a, Tensor b) {
        try (MemoryScope s = Backends.current().openScope()) { return a.matmul(b).dim(0); }
    }

    private static void ratio(Map<String, Double> m, String numerator, String denominator, String label) {
        System.out.printf(Locale.ROOT, "%s: %.2f%n", label, m.get(numerator) / m.get(denominator));
    }

    /** RSS growth of the API MLP step over {@code steps} steps after a 500-step warm-up, on one backend. */
    private static void rss(String backend, int steps) {
        MlpFixture data = new MlpFixture();
        MlpFixture.ApiModel api = new MlpFixture.ApiModel(backend);
        for (int i = 0; i < 500; i++) api.step.run(data.batch);
        long before = rssKb();
        long t0 = System.nanoTime();
        double loss = 0;
        for (int i = 0; i < steps; i++) loss = api.step.run(data.batch).loss();
        long after = rssKb();
        System.out.printf(Locale.ROOT, "| %s | %d steps | RSS %d -> %d MB | growth %+.1f MB | %.0f µs/step | last loss %.4f |%n", backend, steps,
                before / 1024, after / 1024, (after - before) / 1024.0, (System.nanoTime() - t0) / 1e3 / steps, loss);
    }

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status (RSS needs Linux)", e);
        }
        throw new IllegalStateException("no VmRSS line in /proc/self/status");
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static double median(int n, DoubleSupplier block) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            block.getAsDouble();
            t[i] = (System.nanoTime() - t0) / 1e3;
        }
        return medianOf(t);
    }

    static double medianOf(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The Python process: one command line out, one number back. */
    private static final class PythonWorker implements AutoCloseable {
        private final Process process;
        private final PrintWriter in;
        private final BufferedReader out;
        final String version;

        private PythonWorker(Process process, String version) {
            this.process = process;
            this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.version = version;
        }

        static PythonWorker start(String python, Path data) throws IOException, InterruptedException {
            Path script = Files.createTempFile("juxta-torch-mlp", ".py");
            script.toFile().deleteOnExit();     // Python has read it long before this JVM ends
            try (var s = Interleaved.class.getResourceAsStream("/torch_mlp.py")) {
                if (s == null) throw new IllegalStateException("torch_mlp.py is missing from the benchmark jar");
                Files.copy(s, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Process v = new ProcessBuilder(python, "-c", "import torch; print(torch.__version__)").redirectErrorStream(true).start();
            String version = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (v.waitFor() != 0) {
                throw new IllegalStateException(python + " cannot import torch (" + version.lines().reduce((a, b) -> b).orElse("")
                        + "): apt-get install --no-install-recommends python3-torch, or pass --no-python");
            }
            Process p = new ProcessBuilder(python, script.toString(), data.toString(), "2").redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new PythonWorker(p, version);
        }

        double ask(String command) {
            in.println(command);
            try {
                String line = out.readLine();
                if (line == null) throw new IllegalStateException("the Python worker exited");
                return Double.parseDouble(line);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override public void close() {
            in.println("quit");
            process.destroy();
        }
    }
}
