package io.juxta.kernel.cli;

import io.juxta.kernel.Kernel;
import io.juxta.kernel.protocol.ConnectionInfo;
import io.juxta.kernel.protocol.KernelSockets;
import io.juxta.kernel.protocol.WireCodec;
import io.juxta.kernel.supervisor.WorkerSupervisor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/** {@code kernel --connection-file F}: serves one front end until it asks the kernel to shut down. */
final class KernelCommand {
    private static final Logger LOG = Logger.getLogger(KernelCommand.class.getName());

    static int run(Args args) throws Exception {
        Path file = Path.of(args.required("--connection-file"));
        ConnectionInfo info = ConnectionInfo.read(file);
        if (ConnectionInfo.readableByOthers(file)) {
            LOG.warning("the connection file " + file + " can be read by other users, who could then send code to this "
                    + "kernel; make it private (chmod 600)");
        }
        if (info.key().isEmpty()) {
            LOG.warning("the connection file has no key: messages are not signed, so anyone who can reach the ports can "
                    + "run code");
        }
        WireCodec codec = new WireCodec(info.key(), info.signatureScheme());
        KernelSockets sockets = new KernelSockets(info, codec);
        WorkerSupervisor worker = new WorkerSupervisor(new WorkerSupervisor.Config(
                javaCommand(),
                workerJvmOptions(args.all("--worker-jvm-opt")),
                args.optional("--worker-classpath", System.getProperty("java.class.path")),
                args.optional("--worker-main", "io.juxta.kernel.worker.Worker"),
                workerEnvironment(),
                Long.parseLong(args.optional("--interrupt-grace-ms", "3000"))));
        worker.start();
        exitWhenParentEnds(worker);
        Kernel kernel = new Kernel(sockets, codec, worker, () -> { }, cellTimeoutMillis(args));
        installInterruptSignal(worker);
        kernel.announce();
        sockets.run(kernel);
        kernel.close();
        worker.close();
        sockets.close();
        return 0;
    }

    /**
     * A kernel whose Jupyter died (killed, crashed) would run on for good, holding its memory and its ports: like
     * ipykernel, it ends when the process that started it, which jupyter_client names in JPY_PARENT_PID, is gone.
     */
    private static void exitWhenParentEnds(WorkerSupervisor worker) {
        long parent;
        try {
            parent = Long.parseLong(System.getenv().getOrDefault("JPY_PARENT_PID", "0").strip());
        } catch (NumberFormatException e) {
            return;
        }
        if (parent <= 1) {
            return; // no parent named, or init, which never goes away
        }
        // Jupyter may die in the second before this line: the kernel, orphaned, then has init for its parent and the
        // named process is gone. A named process that is not an ancestor is otherwise no sign (on Windows
        // jupyter_client passes a handle there, and a variable inherited from elsewhere names some other process), so
        // then, as ipykernel does, the kernel ends only once it is orphaned, and only if the named process is gone too.
        boolean ancestor = isAncestor(parent);
        Thread watch = new Thread(() -> {
            while (ancestor ? isAlive(parent) : !orphaned() || isAlive(parent)) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            LOG.warning("the process that started this kernel (pid " + parent + ") has ended; the kernel ends too");
            worker.close(); // the worker ends when its link to the kernel closes; its socket folder goes with it
            System.exit(0);
        }, "juxta-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static boolean orphaned() {
        return ProcessHandle.current().parent().map(p -> p.pid() == 1).orElse(true);
    }

    private static boolean isAncestor(long pid) {
        for (var p = ProcessHandle.current().parent(); p.isPresent(); p = p.get().parent()) {
            if (p.get().pid() == pid) {
                return true;
            }
        }
        return false;
    }

    /** The per-cell time limit: {@code --cell-timeout SECONDS}, else JUXTA_CELL_TIMEOUT, else none. */
    static long cellTimeoutMillis(Args args) {
        String flag = args.optional("--cell-timeout", null);
        if (flag != null) {
            return parseCellTimeout(flag);
        }
        String env = System.getenv().getOrDefault("JUXTA_CELL_TIMEOUT", "0");
        try {
            return parseCellTimeout(env);
        } catch (Args.UsageException e) {
            // a kernel that does not start for a typo in its environment helps no one: no limit, and the log says why
            java.util.logging.Logger.getLogger(KernelCommand.class.getName()).warning(
                    "JUXTA_CELL_TIMEOUT takes a number of seconds, got '" + env + "': cells run without a time limit");
            return 0;
        }
    }

    static long parseCellTimeout(String seconds) {
        try {
            double s = Double.parseDouble(seconds.strip());
            if (s >= 0 && !Double.isInfinite(s)) {
                return s == 0 ? 0 : Math.max(1, Math.round(s * 1000)); // 0.0001 s is a limit, not none
            }
        } catch (NumberFormatException e) {
            // falls through to the usage message
        }
        throw new Args.UsageException("--cell-timeout takes a number of seconds (0 for no limit), got '" + seconds + "'");
    }

    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static final String JAVACPP_MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    /** Flags by JDK version: Java 17 refuses flags that newer JDKs want for JavaCPP. */
    static List<String> workerJvmOptions(List<String> user) {
        List<String> opts = new ArrayList<>();
        opts.add("-Djava.awt.headless=true");
        opts.add("-XX:+UseSerialGC");
        // C1 only. Every cell is javac compiling a wrapper class, and with C2 on, C2 spent hundreds of cells
        // recompiling javac (9-14 ms of CPU per `1+1`), which on two cores took the core the cell and the kernel's
        // hand-offs were waiting for: `1+1` 19.7 -> 13.1 ms, the kernel's share 3.1 -> 0.9 ms, idle 199 -> 182 MiB,
        // training steps no slower (tensor work is native). A hot loop of the user's own Java runs about 1.4x slower:
        // --jvm-opt -XX:TieredStopAtLevel=4 (the user's come last) brings C2 back. docs/benchmarks.md has the runs.
        opts.add("-XX:TieredStopAtLevel=1");
        // give memory back after bursts: an idle kernel should not hold a large heap. The session's live heap after
        // start-up is ~50 MB (javac, JShell's completion index) in a ~68 MB heap; starting at 24 MB took nine full
        // collections to grow there, 0.35 s of the first cell's wait. 64 MB needs none and costs ~3 MiB idle.
        opts.add("-Xms64m");
        opts.add("-XX:MinHeapFreeRatio=10");
        opts.add("-XX:MaxHeapFreeRatio=30");
        // javac's garbage is short-lived: a smaller young generation costs little and saves ~10 MB idle
        opts.add("-XX:NewRatio=4");
        opts.add("-XX:-UsePerfData");
        opts.add("-Xss16m"); // deep user recursion and javac both like a larger stack
        // JavaCPP reads /proc/self/statm for every native object it wraps (each tensor, scalar, optional) to compare
        // RSS with this limit, 1.4 us each: it doubled a tiny torch op (2.7 -> 1.1 us). Its default limit is above
        // the machine's RAM, so the check never helped; a user's own -D (they come last) brings it back.
        opts.add("-D" + JAVACPP_MAX_PHYSICAL_BYTES + "=0");
        // the session drops JShell's class files of snippets no one can name again (CompiledClassSweeper)
        opts.add("--add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED");
        // a native crash's report would otherwise land in the notebook's folder (the worker's working directory)
        opts.add("-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"), "juxta-worker-crash-%p.log"));
        if (trimsNativeHeap(Runtime.version())) {
            // glibc keeps freed C heap (javac's, libtorch's) mapped: trimming gave an idle worker back 13 MB
            opts.add("-XX:+UnlockExperimentalVMOptions");
            // every second: 2 s after a cell the worker held 13 MiB less than with 5 s, and cells were no slower
            opts.add("-XX:TrimNativeHeapInterval=1000");
        }
        int feature = Runtime.version().feature();
        if (feature >= 22) {
            opts.add("--enable-native-access=ALL-UNNAMED");
        }
        if (feature >= 23) {
            opts.add("--sun-misc-unsafe-memory-access=allow");
        }
        opts.addAll(user);
        return opts;
    }

    /** Whether this JDK has -XX:TrimNativeHeapInterval (JDK 22, backported to 21.0.1 and 17.0.9); others refuse it. */
    static boolean trimsNativeHeap(Runtime.Version v) {
        return v.feature() >= 22 || (v.feature() == 21 && v.update() >= 1) || (v.feature() == 17 && v.update() >= 9);
    }

    static Map<String, String> workerEnvironment() {
        Map<String, String> env = new HashMap<>();
        // OpenBLAS threads spin after each call and slow small torch steps 40-200x on few cores
        defaultTo(env, "OPENBLAS_THREAD_TIMEOUT", "4");
        // libtorch's OpenMP threads spin between ops by default; on a busy machine that made a small step 10x slower
        defaultTo(env, "OMP_WAIT_POLICY", "PASSIVE");
        // glibc's per-thread malloc arenas hold tens of MB each in a JVM with many threads
        defaultTo(env, "MALLOC_ARENA_MAX", "2");
        // TensorFlow's C++ start-up chatter would land in the user's first TF cell; Java cannot set it later
        defaultTo(env, "TF_CPP_MIN_LOG_LEVEL", "2");
        return env;
    }

    /** The kernel's own setting of {@code name} (e.g. from kernel.json or --env) wins over Juxta's default. */
    private static void defaultTo(Map<String, String> env, String name, String value) {
        env.put(name, System.getenv().getOrDefault(name, value));
    }

    @SuppressWarnings("restriction")
    private static void installInterruptSignal(WorkerSupervisor worker) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> worker.interrupt());
        } catch (IllegalArgumentException | LinkageError e) {
            LOG.fine("SIGINT handler not installed: " + e);
        }
    }

    private KernelCommand() {
    }
}
