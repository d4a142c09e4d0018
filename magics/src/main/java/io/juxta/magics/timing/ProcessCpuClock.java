package io.juxta.magics.timing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the whole worker process, split into user and system time. Whole-process because
 * JShell runs each snippet on a thread of its own; it therefore includes JIT and GC threads.
 */
final class ProcessCpuClock {
    /** CPU time in nanoseconds; {@code system} is -1 where the split is unknown. */
    record Reading(long total, long system) {
    }

    private static final Path STAT = Path.of("/proc/self/stat");
    private static final long NANOS_PER_TICK = 10_000_000L; // Linux USER_HZ is 100 on every mainstream architecture

    Reading read() {
        long total = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            total = os.getProcessCpuTime();
        }
        return new Reading(total, systemNanos());
    }

    private static long systemNanos() {
        try {
            String stat = Files.readString(STAT);
            // fields after the command name, which is in parentheses and may contain spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[12]) * NANOS_PER_TICK; // stime is field 15 of the whole line
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
