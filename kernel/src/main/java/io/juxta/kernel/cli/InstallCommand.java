package io.juxta.kernel.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * {@code install} and {@code uninstall}, like {@code python -m ipykernel install}: writes a
 * kernelspec whose kernel.json runs this very JDK by absolute path, with the jars copied beside it.
 */
final class InstallCommand {
    static final String DEFAULT_NAME = "juxta";
    static final String DEFAULT_DISPLAY = "Java (Juxta)";
    /** The jars the kernel JVM itself needs; the worker gets all of lib/. */
    private static final List<String> BOOT_JARS = List.of("juxta-kernel", "gson");
    private static final List<String> FLAGS = List.of("--user", "--sys-prefix", "--quiet");
    private static final List<String> OPTIONS = List.of("--prefix", "--name", "--display-name", "--jvm-opt", "--env",
            "--worker-main", "--kernel-dir", "--cell-timeout");

    static int install(Args args) throws IOException {
        args.allowOnly(FLAGS, OPTIONS);
        String name = kernelName(args);
        // every option is checked before anything is written: a failed install leaves no half-made kernelspec
        String cellTimeout = args.optional("--cell-timeout", null);
        if (cellTimeout != null) {
            KernelCommand.parseCellTimeout(cellTimeout);
        }
        JsonObject env = new JsonObject();
        env.addProperty("OPENBLAS_THREAD_TIMEOUT", "4");
        for (String kv : args.all("--env")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new Args.UsageException("--env takes KEY=VALUE, got '" + kv + "'");
            }
            checkJuxtaVariable(kv.substring(0, eq), kv.substring(eq + 1));
            env.addProperty(kv.substring(0, eq), kv.substring(eq + 1));
        }
        String display = args.optional("--display-name", name.equals(DEFAULT_NAME) ? DEFAULT_DISPLAY : "Java (Juxta, " + name + ")");
        if (display.isBlank()) {
            throw new Args.UsageException("--display-name is what the launcher shows: give it some text");
        }
        checkWorkerOptions(args.all("--jvm-opt"));
        Path kernels = kernelsDir(args);
        Path dir = kernels.resolve(name);
        Path source = libraryDir();
        Path lib = dir.resolve("lib");
        try {
            Files.createDirectories(lib);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException("cannot write " + e.getFile() + ": permission denied. Install for yourself with --user,"
                    + " or into a folder you can write with --prefix DIR", e);
        }
        try (Stream<Path> old = Files.list(lib)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        List<Path> jars;
        try (Stream<Path> s = Files.list(source)) {
            jars = s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        for (Path jar : jars) {
            linkOrCopy(jar, lib.resolve(jar.getFileName()));
        }
        List<String> boot = new ArrayList<>();
        for (Path jar : jars) {
            String file = jar.getFileName().toString();
            if (BOOT_JARS.stream().anyMatch(b -> file.startsWith(b + "-"))) {
                boot.add(lib.resolve(file).toString());
            }
        }
        String workerMain = args.optional("--worker-main", defaultWorkerMain());

        JsonArray argv = new JsonArray();
        argv.add(KernelCommand.javaCommand());
        for (String opt : List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xms8m", "-Xmx256m",
                "-Xshare:auto", "-Djava.awt.headless=true")) {
            argv.add(opt);
        }
        argv.add("-cp");
        argv.add(String.join(java.io.File.pathSeparator, boot));
        argv.add(Main.class.getName());
        argv.add("kernel");
        argv.add("--connection-file");
        argv.add("{connection_file}");
        argv.add("--worker-classpath");
        argv.add(lib.resolve("*").toString());
        argv.add("--worker-main");
        argv.add(workerMain);
        for (String opt : args.all("--jvm-opt")) {
            argv.add("--worker-jvm-opt=" + opt);
        }
        if (cellTimeout != null) {
            argv.add("--cell-timeout=" + cellTimeout.strip());
        }
        JsonObject spec = new JsonObject();
        spec.add("argv", argv);
        spec.addProperty("display_name", display);
        spec.addProperty("language", "java");
        spec.addProperty("interrupt_mode", "message");
        spec.add("env", env);
        JsonObject metadata = new JsonObject();
        metadata.addProperty("debugger", false);
        spec.add("metadata", metadata);
        Files.writeString(dir.resolve("kernel.json"),
                new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n");
        writeLogo(dir.resolve("logo-32x32.png"), 32);
        writeLogo(dir.resolve("logo-64x64.png"), 64);
        if (!args.flag("--quiet")) {
            System.out.println("Installed kernelspec " + name + " in " + dir);
            System.out.println("  runs " + KernelCommand.javaCommand() + " (Java " + Runtime.version() + ")");
        }
        return 0;
    }

    static int uninstall(Args args) throws IOException {
        args.allowOnly(FLAGS, List.of("--prefix", "--name", "--kernel-dir"));
        String name = kernelName(args);
        Path dir = kernelsDir(args).resolve(name);
        if (!Files.isDirectory(dir)) {
            System.err.println("No kernelspec named " + name + " in " + dir.getParent() + ": nothing to remove.");
            return 1;
        }
        if (!isKernelspec(dir)) {
            System.err.println(dir + " is not a kernelspec (no kernel.json, and files an install does not write): not removed.");
            return 1;
        }
        deleteTree(dir);
        if (!args.flag("--quiet")) {
            System.out.println("Removed kernelspec " + name + " from " + dir);
        }
        return 0;
    }

    /** A folder and everything in it, deepest first. */
    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * A folder uninstall may delete: it has a kernel.json, or holds only what an install writes before its kernel.json
     * (a failed install): lib/ with jars, the logos. Anything else (a --kernel-dir pointing elsewhere) is left alone.
     */
    static boolean isKernelspec(Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve("kernel.json"))) {
            return true;
        }
        try (Stream<Path> top = Files.list(dir)) {
            for (Path p : top.toList()) {
                String file = p.getFileName().toString();
                if (file.equals("lib") && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    try (Stream<Path> jars = Files.list(p)) {
                        if (!jars.allMatch(j -> j.getFileName().toString().endsWith(".jar"))) {
                            return false;
                        }
                    }
                } else if (!file.matches("logo-\\d+x\\d+\\.png")) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The kernelspec's name as Jupyter takes it: letters, digits, '.', '_' and '-', lower case (Jupyter lowercases
     * names, so "Upper" would be listed as "upper" and could not be uninstalled by that name), never "." or "..".
     */
    static String kernelName(Args args) {
        String given = args.optional("--name", DEFAULT_NAME);
        if (!given.matches("[A-Za-z0-9._-]+") || given.equals(".") || given.equals("..")) {
            throw new Args.UsageException("--name may hold only letters, digits, '.', '_' and '-' (and is not '.' or '..'),"
                    + " got '" + given + "'");
        }
        String name = given.toLowerCase(java.util.Locale.ROOT);
        if (!name.equals(given)) {
            System.err.println("Note: kernelspec names are lower case in Jupyter: using '" + name + "'");
        }
        return name;
    }

    /** Where kernelspecs go, as jupyter_client looks for them; one place only. */
    static Path kernelsDir(Args args) throws IOException {
        int places = (args.optional("--kernel-dir", null) != null ? 1 : 0) + (args.optional("--prefix", null) != null ? 1 : 0)
                + (args.flag("--sys-prefix") ? 1 : 0) + (args.flag("--user") ? 1 : 0);
        if (places > 1) {
            throw new Args.UsageException("give one of --user, --sys-prefix, --prefix DIR and --kernel-dir DIR");
        }
        if (args.optional("--kernel-dir", null) != null) {
            return absoluteDir("--kernel-dir", args.required("--kernel-dir"));
        }
        if (args.optional("--prefix", null) != null) {
            return absoluteDir("--prefix", args.required("--prefix")).resolve(Path.of("share", "jupyter", "kernels"));
        }
        if (args.flag("--sys-prefix")) {
            return Path.of(pythonSysPrefix(), "share", "jupyter", "kernels");
        }
        return userDataDir().resolve("kernels");
    }

    /** The kernel.json holds this path for as long as it is installed: relative to today's folder, it would break. */
    private static Path absoluteDir(String option, String value) {
        if (value.isBlank()) {
            throw new Args.UsageException(option + " needs a folder");
        }
        return Path.of(value).toAbsolutePath().normalize();
    }

    /** Jupyter's user data folder, as jupyter_core finds it (its environment variables first, $HOME before the JVM's idea). */
    static Path userDataDir() {
        String data = System.getenv("JUPYTER_DATA_DIR");
        if (data != null && !data.isBlank()) {
            return Path.of(data).toAbsolutePath();
        }
        String home = System.getenv("HOME");
        Path homeDir = Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("mac")) {
            return homeDir.resolve(Path.of("Library", "Jupyter"));
        }
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return appData != null ? Path.of(appData, "jupyter") : homeDir.resolve(Path.of("AppData", "Roaming", "jupyter"));
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "jupyter") : homeDir.resolve(Path.of(".local", "share", "jupyter"));
    }

    /** A variable the kernel reads, checked now: a bad value would otherwise be a kernel that never starts. */
    private static void checkJuxtaVariable(String key, String value) {
        if (key.equals("JUXTA_CELL_TIMEOUT")) {
            try {
                KernelCommand.parseCellTimeout(value);
            } catch (Args.UsageException e) {
                throw new Args.UsageException("--env JUXTA_CELL_TIMEOUT takes a number of seconds (0 for no limit), got '" + value + "'");
            }
        } else if (key.equals("JUXTA_LOG")) {
            Main.logLevel(value); // throws a usage error naming the levels
        }
    }

    /** The worker's JVM options, tried once with this JDK: a JVM that refuses them would make every cell fail. */
    private static void checkWorkerOptions(List<String> user) throws IOException {
        if (user.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(KernelCommand.javaCommand());
        command.addAll(KernelCommand.workerJvmOptions(user));
        command.add("-version");
        Path scratch = Files.createTempDirectory("juxta-jvm-opt-check"); // options that write files write them here
        try {
            Process p = new ProcessBuilder(command).directory(scratch.toFile()).redirectErrorStream(true)
                    .redirectOutput(scratch.resolve("out.txt").toFile()).start();
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly(); // a debugger agent waiting to be attached, say: not a refusal
                System.err.println("Note: the JVM did not finish starting with --jvm-opt " + String.join(" ", user)
                        + " within 20 s; installed without checking them.");
                return;
            }
            if (p.exitValue() != 0) {
                // the JVM's own reason, without its generic lines around it
                String why = Files.readAllLines(scratch.resolve("out.txt"), StandardCharsets.UTF_8).stream()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("Picked up ") && !l.startsWith("Error: Could not create")
                                && !l.startsWith("Error: A fatal exception") && !l.equals("Error occurred during initialization of VM"))
                        .collect(java.util.stream.Collectors.joining("; "));
                throw new Args.UsageException("the worker's JVM refuses --jvm-opt " + String.join(" ", user) + ": "
                        + (why.isEmpty() ? "exit code " + p.exitValue() : why));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while checking --jvm-opt", e);
        } finally {
            try {
                deleteTree(scratch);
            } catch (IOException e) {
                // a temporary folder left behind
            }
        }
    }

    /**
     * The sys.prefix of the Python that runs Jupyter: the interpreter named on the first line of the {@code jupyter}
     * on PATH (another python3 may come first on PATH, e.g. pyenv's), else python3.
     */
    private static String pythonSysPrefix() throws IOException {
        List<String> pythons = new ArrayList<>();
        jupyterInterpreter().ifPresent(pythons::add);
        pythons.addAll(List.of("python3", "/usr/bin/python3"));
        for (String python : pythons) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import sys; print(sys.prefix)").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (p.waitFor() == 0 && !out.isEmpty()) {
                    return out;
                }
            } catch (IOException e) {
                // try the next interpreter
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IOException("--sys-prefix needs python3 to tell its prefix; use --prefix DIR instead");
    }

    private static java.util.Optional<String> jupyterInterpreter() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path jupyter = Path.of(dir.isEmpty() ? "." : dir, "jupyter");
            if (Files.isRegularFile(jupyter) && Files.isExecutable(jupyter)) {
                try (var lines = Files.lines(jupyter, StandardCharsets.ISO_8859_1)) {
                    String first = lines.findFirst().orElse("");
                    if (first.startsWith("#!") && !first.contains(" ") && first.length() > 2) {
                        return java.util.Optional.of(first.substring(2).strip()); // #!/usr/bin/python3
                    }
                } catch (IOException | java.io.UncheckedIOException e) {
                    // not a script: fall back to python3
                }
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.empty();
    }

    /** The folder holding this jar and its dependencies. */
    static Path libraryDir() throws IOException {
        try {
            Path self = Path.of(InstallCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(self)) {
                throw new IOException("install runs from the packaged jars (dist/target/juxta/lib), not from classes: "
                        + "run 'mvn package' first");
            }
            return self.getParent();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private static String defaultWorkerMain() {
        try {
            Class.forName("io.juxta.Juxta", false, InstallCommand.class.getClassLoader());
            return "io.juxta.Juxta";
        } catch (ClassNotFoundException e) {
            return "io.juxta.kernel.worker.Worker";
        }
    }

    /** Juxta's own jars are copied: a rebuild rewrites them in place, which would change a kernel installed by link. */
    private static void linkOrCopy(Path from, Path to) throws IOException {
        if (from.getFileName().toString().contains("SNAPSHOT")) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try {
            Files.createLink(to, from);
        } catch (FileSystemException | UnsupportedOperationException e) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void writeLogo(Path file, int size) throws IOException {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0xE7, 0x6F, 0x00));
        g.fillRoundRect(0, 0, size, size, size / 4, size / 4);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(Math.max(1f, size / 16f)));
        g.drawLine(size / 2, size / 6, size / 2, size * 5 / 6); // the bar between two frameworks
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size / 2));
        g.drawString("J", size / 10, size * 2 / 3);
        g.drawString("x", size * 11 / 20, size * 2 / 3);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private InstallCommand() {
    }
}
