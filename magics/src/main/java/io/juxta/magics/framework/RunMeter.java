package io.juxta.magics.framework;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Measures one run of a cell: wall time, CPU time of the process, peak Java heap and peak resident set (heap plus
 * native memory). Peaks are reset before each run: the heap pools' peak usage through their MXBeans, the
 * resident-set high-water mark by writing 5 to {@code /proc/self/clear_refs} (Linux 4.0+).
 */
final class RunMeter {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    /** What one run used. Byte counts are -1 where the system does not tell. */
    record Usage(double seconds, double cpuSeconds, long peakHeapBytes, long peakRssBytes, long rssBytes) {
    }

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
    private boolean rssPeakResettable;
    private long startNanos;
    private long startCpu;

    /** Resets the peaks and starts the clocks. */
    void start() {
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        rssPeakResettable = resetRssPeak();
        startCpu = processCpuNanos();
        startNanos = System.nanoTime();
    }

    /** Stops the clocks and reads the peaks. */
    Usage stop() {
        long wall = System.nanoTime() - startNanos;
        long cpu = processCpuNanos();
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            heapPeak += pool.getPeakUsage() == null ? 0 : pool.getPeakUsage().getUsed();
        }
        long rss = statusKilobytes("VmRSS:");
        long peak = rssPeakResettable ? statusKilobytes("VmHWM:") : -1;
        return new Usage(wall / 1e9, cpu < 0 || startCpu < 0 ? Double.NaN : (cpu - startCpu) / 1e9,
                heapPools.isEmpty() ? -1 : heapPeak, peak < 0 ? -1 : peak * 1024, rss < 0 ? -1 : rss * 1024);
    }

    /** The resident set now, in bytes; -1 when unknown. */
    static long rssBytes() {
        long kb = statusKilobytes("VmRSS:");
        return kb < 0 ? -1 : kb * 1024;
    }

    private static boolean resetRssPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // without the reset VmHWM is the peak of the whole process life: report none rather than that
        }
    }

    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static long statusKilobytes(String field) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
