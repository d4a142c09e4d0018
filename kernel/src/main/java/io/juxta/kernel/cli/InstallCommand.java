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
    private static final List<String> BOOT_JARS = List.of("juxta-kernel", "jeromq", "jnacl", "gson");
    private static final List<String> FLAGS = List.of("--user", "--sys-prefix", "--quiet");
    private static final List<String> OPTIONS = List.of("--prefix", "--name", "--display-name", "--jvm-opt", "--env",
            "--worker-main", "--kernel-dir", "--cell-timeout");

    static int install(Args args) throws IOException {
        args.allowOnly(FLAGS, OPTIONS);
        String name = args.optional("--name", DEFAULT_NAME);
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new Args.UsageException("--name may hold only letters, digits, '.', '_' and '-'");
        }
        String cellTimeout = args.optional("--cell-timeout", null);
        if (cellTimeout != null) {
            KernelCommand.parseCellTimeout(cellTimeout); // a bad value fails at install time, before anything is written
        }
        Path kernels = kernelsDir(args);
        Path dir = kernels.resolve(name);
        Path source = libraryDir();
        Path lib = dir.resolve("lib");
        Files.createDirectories(lib);
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
        JsonObject env = new JsonObject();
        env.addProperty("OPENBLAS_THREAD_TIMEOUT", "4");
        for (String kv : args.all("--env")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new Args.UsageException("--env takes KEY=VALUE, got '" + kv + "'");
            }
            env.addProperty(kv.substring(0, eq), kv.substring(eq + 1));
        }
        JsonObject spec = new JsonObject();
        spec.add("argv", argv);
        spec.addProperty("display_name", args.optional("--display-name", DEFAULT_DISPLAY));
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
        String name = args.optional("--name", DEFAULT_NAME);
        Path dir = kernelsDir(args).resolve(name);
        if (!Files.exists(dir.resolve("kernel.json"))) {
            System.err.println("No kernelspec named " + name + " in " + dir.getParent() + ": nothing to remove.");
            return 1;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        if (!args.flag("--quiet")) {
            System.out.println("Removed kernelspec " + name + " from " + dir);
        }
        return 0;
    }

    /** Where kernelspecs go, as jupyter_client looks for them. */
    static Path kernelsDir(Args args) throws IOException {
        if (args.optional("--kernel-dir", null) != null) {
            return Path.of(args.required("--kernel-dir"));
        }
        if (args.optional("--prefix", null) != null) {
            return Path.of(args.required("--prefix"), "share", "jupyter", "kernels");
        }
        if (args.flag("--sys-prefix")) {
            return Path.of(pythonSysPrefix(), "share", "jupyter", "kernels");
        }
        String data = System.getenv("JUPYTER_DATA_DIR");
        if (data != null && !data.isBlank()) {
            return Path.of(data, "kernels");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "jupyter", "kernels");
    }

    private static String pythonSysPrefix() throws IOException {
        for (String python : List.of("python3", "/usr/bin/python3")) {
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

    private static void linkOrCopy(Path from, Path to) throws IOException {
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
