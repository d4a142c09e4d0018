package io.juxta.magics.timing;

import io.juxta.kernel.api.CellError;
import io.juxta.magics.Invocation;
import io.juxta.magics.Magic;
import io.juxta.magics.spec.Area;
import io.juxta.magics.spec.MagicKind;
import io.juxta.magics.spec.MagicSpec;
import java.util.List;

/** The timing area: {@code %time} and {@code %timeit}, with IPython's semantics and output. */
public final class TimingMagics {
    private final ProcessCpuClock cpu = new ProcessCpuClock();

    public List<Magic> magics() {
        return List.of(
                Magic.of(MagicSpec.builder("time").kind(MagicKind.LINE_AND_CELL).area(Area.TIMING)
                        .summary("Run code once and print its wall-clock and CPU time; the value is still shown.")
                        .details("The time includes compiling the code (JShell runs javac on every snippet, about 10-20 ms). "
                                + "CPU time is that of the whole worker process, JIT compiler and garbage collector included. "
                                + "The first run of code is slower than later ones while the JIT compiles it: use %timeit "
                                + "to measure steady-state speed.")
                        .rest("statement", false, "the Java code to run (line form)")
                        .build(), this::time));
    }

    private Object time(Invocation call) throws CellError {
        String code = call.code();
        ProcessCpuClock.Reading before = cpu.read();
        long start = System.nanoTime();
        Object value = call.runCell(code);
        long wall = System.nanoTime() - start;
        ProcessCpuClock.Reading after = cpu.read();
        call.session().out().print(report(before, after, wall));
        call.session().out().flush();
        return value;
    }

    /** IPython's two lines: {@code CPU times: user …, sys: …, total: …} and {@code Wall time: …}. */
    static String report(ProcessCpuClock.Reading before, ProcessCpuClock.Reading after, long wallNanos) {
        StringBuilder text = new StringBuilder();
        if (before.total() >= 0 && after.total() >= 0) {
            long total = Math.max(0, after.total() - before.total());
            if (before.system() >= 0 && after.system() >= 0) {
                long system = Math.min(total, Math.max(0, after.system() - before.system()));
                text.append("CPU times: user ").append(TimeFormat.of((total - system) / 1e9))
                        .append(", sys: ").append(TimeFormat.of(system / 1e9))
                        .append(", total: ").append(TimeFormat.of(total / 1e9)).append('\n');
            } else {
                text.append("CPU times: total: ").append(TimeFormat.of(total / 1e9)).append('\n');
            }
        }
        text.append("Wall time: ").append(TimeFormat.of(wallNanos / 1e9)).append('\n');
        return text.toString();
    }
}
