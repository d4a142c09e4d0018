package io.juxta.frameworks.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The jar's entry point: runs JMH (or, with {@code interleaved ...}, {@link Interleaved}; with {@code alternating ...},
 * {@link AlternatingJmh}) in an environment with the
 * kernel worker's thread settings. Idle libtorch OpenMP and OpenBLAS threads spin unless {@code OMP_WAIT_POLICY=PASSIVE}
 * and {@code OPENBLAS_THREAD_TIMEOUT=4} are set before the natives load, which made torch steps 30–250 ms on a busy
 * 2-core machine; if either is missing this JVM starts itself again with it, and JMH's forks inherit the environment.
 * The worker also turns off JavaCPP's RSS check per native object ({@code -Dorg.bytedeco.javacpp.maxPhysicalBytes=0},
 * 1.4 µs per tensor or scalar made); the relaunch adds it too, and JMH's forks inherit this JVM's flags.
 */
public final class BenchMain {
    /** The worker's defaults (kernel/.../cli/KernelCommand), applied only where the caller set nothing. */
    static final Map<String, String> THREAD_DEFAULTS = Map.of("OMP_WAIT_POLICY", "PASSIVE", "OPENBLAS_THREAD_TIMEOUT", "4", "TF_CPP_MIN_LOG_LEVEL", "2");

    /** The worker's JavaCPP setting (kernel/.../cli/KernelCommand), applied only where the caller set none. */
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        boolean missing = THREAD_DEFAULTS.keySet().stream().anyMatch(k -> System.getenv(k) == null) || System.getProperty(MAX_PHYSICAL_BYTES) == null;
        if (missing) {
            System.exit(relaunch(args));
            return;
        }
        String[] rest = args.length > 0 ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        if (args.length > 0 && args[0].equals("interleaved")) Interleaved.main(rest);
        else if (args.length > 0 && args[0].equals("alternating")) AlternatingJmh.main(rest);
        else org.openjdk.jmh.Main.main(args);
    }

    private static int relaunch(String[] args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null) command.add("-D" + MAX_PHYSICAL_BYTES + "=0");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BenchMain.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        THREAD_DEFAULTS.forEach((k, v) -> pb.environment().putIfAbsent(k, v));
        return pb.start().waitFor();
    }
}
