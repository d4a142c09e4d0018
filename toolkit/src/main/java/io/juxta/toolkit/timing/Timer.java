package io.juxta.toolkit.timing;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;

/**
 * Wall time and CPU time of the current thread, as {@code %time} reports them:
 *
 * <pre>{@code
 * Timer timer = Timer.start();
 * train(model);
 * timer.stop()   // CPU times: user 1.2 s, sys: 40 ms, total: 1.24 s \n Wall time: 1.31 s
 * }</pre>
 *
 * The process's CPU time is kept too: native libraries (OpenBLAS, libtorch) compute on their own
 * threads, which the current thread's CPU time does not see.
 */
public final class Timer {
    /** One reading of all clocks, in nanoseconds; a CPU clock the JVM lacks reads -1. */
    public record Reading(long wallNanos, long threadCpuNanos, long threadUserNanos, long processCpuNanos) {}

    /** Reads the clocks; tests substitute a fake one. */
    @FunctionalInterface
    public interface Clocks {
        Reading read();
    }

    /** The JVM's clocks for the calling thread. */
    public static final Clocks SYSTEM = Timer::readSystemClocks;

    private final Clocks clocks;
    private final Reading start;

    private Timer(Clocks clocks) {
        this.clocks = clocks;
        this.start = clocks.read();
    }

    /** Starts timing on the calling thread. */
    public static Timer start() {
        return new Timer(SYSTEM);
    }

    /** Starts timing with the given clocks. */
    public static Timer start(Clocks clocks) {
        return new Timer(clocks);
    }

    /** Times one execution of the code on the calling thread. */
    public static Elapsed time(TimedCode code) throws Exception {
        Timer timer = start();
        code.run();
        return timer.stop();
    }

    /** The time since {@link #start()}; may be called again for a later lap. Call it on the starting thread. */
    public Elapsed stop() {
        Reading end = clocks.read();
        double cpu = seconds(end.threadCpuNanos(), start.threadCpuNanos());
        // Linux counts user time in 10 ms ticks but total CPU in ns: keep user within the total
        double user = Math.min(seconds(end.threadUserNanos(), start.threadUserNanos()), cpu);
        return new Elapsed(seconds(end.wallNanos(), start.wallNanos()), user, cpu - user,
                seconds(end.processCpuNanos(), start.processCpuNanos()));
    }

    private static double seconds(long end, long begin) {
        return end < 0 || begin < 0 ? Double.NaN : (end - begin) / 1e9;
    }

    /**
     * Elapsed seconds: wall clock, the thread's user and system CPU time, and the whole process's
     * CPU time. A clock the JVM does not offer reads NaN.
     */
    public record Elapsed(double wallSeconds, double userSeconds, double systemSeconds, double processCpuSeconds) {
        /** User plus system CPU seconds of the thread. */
        public double cpuSeconds() {
            return userSeconds + systemSeconds;
        }

        /** What {@code %time} prints. */
        @Override
        public String toString() {
            String cpu = Double.isNaN(cpuSeconds())
                    ? "CPU times: not measured (this JVM has no thread CPU clock)"
                    : "CPU times: user " + TimeFormat.seconds(userSeconds) + ", sys: " + TimeFormat.seconds(systemSeconds)
                            + ", total: " + TimeFormat.seconds(cpuSeconds());
            return cpu + "\nWall time: " + TimeFormat.seconds(wallSeconds);
        }
    }

    private static Reading readSystemClocks() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean threadCpu = threads.isCurrentThreadCpuTimeSupported();
        long cpu = threadCpu ? threads.getCurrentThreadCpuTime() : -1;
        long user = threadCpu ? threads.getCurrentThreadUserTime() : -1;
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        long process = os instanceof com.sun.management.OperatingSystemMXBean sunOs ? sunOs.getProcessCpuTime() : -1;
        return new Reading(System.nanoTime(), cpu, user, process);
    }
}
