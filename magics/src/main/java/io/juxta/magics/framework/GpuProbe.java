package io.juxta.magics.framework;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Looks for NVIDIA GPUs without loading a framework: {@code nvidia-smi} lists devices and memory; without it, the
 * driver's {@code /proc} entry says whether a driver is loaded at all.
 */
final class GpuProbe {
    /** One CUDA device as nvidia-smi reports it. */
    record Gpu(int index, String name, long memoryMiB, long freeMiB) {
        @Override
        public String toString() {
            return "cuda:" + index + " " + name + ", " + memoryMiB + " MiB (" + freeMiB + " MiB free)";
        }
    }

    /** The devices found, or why none were. */
    record Finding(List<Gpu> gpus, String reason) {
        boolean found() {
            return !gpus.isEmpty();
        }
    }

    private final String smi;
    private final Path driverDir;

    GpuProbe() {
        this("nvidia-smi", Path.of("/proc/driver/nvidia"));
    }

    GpuProbe(String smi, Path driverDir) {
        this.smi = smi;
        this.driverDir = driverDir;
    }

    Finding probe() {
        String driver = Files.isDirectory(driverDir) ? "an NVIDIA driver is loaded" : "no NVIDIA driver is loaded (" + driverDir + " does not exist)";
        List<String> lines;
        try {
            lines = run(smi, "--query-gpu=index,name,memory.total,memory.free", "--format=csv,noheader,nounits");
        } catch (IOException e) {
            return new Finding(List.of(), "no GPU found: nvidia-smi is not on the PATH and " + driver);
        }
        if (lines == null) {
            return new Finding(List.of(), "no GPU found: nvidia-smi failed or timed out, and " + driver);
        }
        List<Gpu> gpus = parse(lines);
        return new Finding(gpus, gpus.isEmpty() ? "no GPU found: nvidia-smi lists no device" : "");
    }

    /** Parses nvidia-smi's CSV lines: {@code 0, Tesla T4, 15360, 15101}. */
    static List<Gpu> parse(List<String> lines) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.split(",\\s*");
            if (fields.length < 4) {
                continue;
            }
            try {
                gpus.add(new Gpu(Integer.parseInt(fields[0].trim()), fields[1].trim(),
                        Long.parseLong(fields[2].trim()), Long.parseLong(fields[3].trim())));
            } catch (NumberFormatException e) {
                // a line nvidia-smi wrote for another reason, e.g. "[N/A]" memory on some boards
            }
        }
        return gpus;
    }

    /** The command's output lines, or null when it failed or took over 10 s. */
    private static List<String> run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.exitValue() == 0 ? out.lines().toList() : null;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
