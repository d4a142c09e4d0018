package io.juxta.magics.timing;

import io.juxta.kernel.api.CellError;
import io.juxta.kernel.api.Session;
import io.juxta.magics.Invocation;
import io.juxta.magics.Magic;
import io.juxta.magics.spec.ArgType;
import io.juxta.magics.spec.Area;
import io.juxta.magics.spec.MagicKind;
import io.juxta.magics.spec.MagicSpec;
import io.juxta.magics.spec.UsageException;
import io.juxta.toolkit.timing.Bench;
import io.juxta.toolkit.timing.TimeFormat;
import io.juxta.toolkit.timing.TimingInterruptedException;
import io.juxta.toolkit.timing.TimingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** The timing area: {@code %time} and {@code %timeit}, with IPython's semantics and output. */
public final class TimingMagics {
    private final ProcessCpuClock cpu = new ProcessCpuClock();

    public List<Magic> magics() {
        return List.of(
                Magic.of(MagicSpec.builder("time").kind(MagicKind.LINE_AND_CELL).area(Area.TIMING)
                        .summary("Run code once and print its wall-clock and CPU time; the value is still shown.")
                        .details("Wall and CPU time are those of running the code; compiling it (JShell runs javac on every "
                                + "snippet, 10-100 ms) is the separate Compiler time, as IPython reports it. CPU time is that of "
                                + "the whole worker process while the code runs, JIT compiler and garbage collector included. "
                                + "The first run of code is slower than later ones while the JIT compiles it: use %timeit "
                                + "to measure steady-state speed.")
                        .rest("statement", false, "the Java code to run (line form)")
                        .build(), this::time),
                Magic.of(MagicSpec.builder("timeit").kind(MagicKind.LINE_AND_CELL).area(Area.TIMING)
                        .summary("Time a statement over many loops: mean ± std. dev. of several runs, as IPython prints it.")
                        .details("Unless -n is given, the loop count is the first of 1, 2, 5, 10, 20, 50, ... whose run takes "
                                + "at least 0.2 s; then -r runs of that many loops are timed. In the cell form the first line "
                                + "(after the options) is setup code, run once and not timed; its variables stay in the session.\n"
                                + "The code is compiled once into a lambda, so the loops time compiled code, not javac; "
                                + "variables of the session are visible, declarations made in the timed code are local to it. "
                                + "Methods, classes and imports belong in an earlier cell.\n"
                                + "JIT warm-up: Java starts by interpreting the code and compiles it after some thousand "
                                + "calls, so the calibration and the first runs are slower than later ones. A large spread, or "
                                + "the warning that the slowest run took much longer than the fastest, usually means warm-up "
                                + "rather than caching: use more runs (-r) or time the code twice and read the second.")
                        .option('n', "number", ArgType.INT, null, "N", "loops per run (default: chosen so one run takes at least 0.2 s)")
                        .option('r', "repeat", ArgType.INT, Bench.DEFAULT_REPEATS, "R", "number of runs")
                        .option('p', "precision", ArgType.INT, 3, "P", "significant digits of the printed times")
                        .flag('o', "output", "return the TimingResult (timings(), average(), stdev(), best(), worst(), loops())")
                        .flag('q', "quiet", "print nothing")
                        .rest("statement", "setup", false, "line form: the code to time; cell form: setup code run once before timing")
                        .build(), this::timeit));
    }

    private Object time(Invocation call) throws CellError {
        Session.RunTime ranBefore = call.session().runTime();
        ProcessCpuClock.Reading before = cpu.read();
        long start = System.nanoTime();
        Object value = call.runCell(call.code());
        long wall = System.nanoTime() - start;
        ProcessCpuClock.Reading after = cpu.read();
        Session.RunTime ranAfter = call.session().runTime();
        call.session().out().print(ranBefore == null || ranAfter == null ? report(before, after, wall)
                : report(before, after, wall, ranAfter.since(ranBefore)));
        call.session().out().flush();
        return value;
    }

    /**
     * As IPython reports it: the CPU and wall time of running the code, then the time JShell took to compile it
     * ({@code Compiler time}), which in Java is most of a short cell's time. Neither counts what else the cell did
     * (a shell line, a magic in a %%time body). The system part of the CPU time is the whole cell's (compiling spends
     * little of it), at most the run's total.
     */
    static String report(ProcessCpuClock.Reading before, ProcessCpuClock.Reading after, long wallNanos, Session.RunTime ran) {
        long runWall = Math.max(0, Math.min(wallNanos, ran.wallNanos()));
        long runCpu = Math.max(0, ran.cpuNanos());
        ProcessCpuClock.Reading start = new ProcessCpuClock.Reading(0, before.system() >= 0 && after.system() >= 0 ? 0 : -1);
        long system = after.system() - before.system();
        ProcessCpuClock.Reading end = new ProcessCpuClock.Reading(runCpu, start.system() < 0 ? -1 : Math.min(runCpu, Math.max(0, system)));
        return report(start, end, runWall) + "Compiler time: " + TimeFormat.seconds(Math.max(0, ran.compileNanos()) / 1e9) + "\n";
    }

    /** IPython's two lines: {@code CPU times: user …, sys: …, total: …} and {@code Wall time: …}. */
    static String report(ProcessCpuClock.Reading before, ProcessCpuClock.Reading after, long wallNanos) {
        StringBuilder text = new StringBuilder();
        if (before.total() >= 0 && after.total() >= 0) {
            long total = Math.max(0, after.total() - before.total());
            if (before.system() >= 0 && after.system() >= 0) {
                long system = Math.min(total, Math.max(0, after.system() - before.system()));
                text.append("CPU times: user ").append(TimeFormat.seconds((total - system) / 1e9))
                        .append(", sys: ").append(TimeFormat.seconds(system / 1e9))
                        .append(", total: ").append(TimeFormat.seconds(total / 1e9)).append('\n');
            } else {
                text.append("CPU times: total: ").append(TimeFormat.seconds(total / 1e9)).append('\n');
            }
        }
        text.append("Wall time: ").append(TimeFormat.seconds(wallNanos / 1e9)).append('\n');
        return text.toString();
    }

    /** Evaluates the first candidate lambda that compiles; otherwise the first one's error, in the user's terms. */
    private static Object compile(List<String> candidates, Session session, String code) throws CellError {
        CellError first = null;
        for (String candidate : candidates) {
            try {
                return session.eval(candidate);
            } catch (CellError e) {
                first = first == null ? e : first;
            }
        }
        throw inUsersTerms(first, code);
    }

    /**
     * A compile error in the lambda %timeit made would show that lambda's lines ("return null;"), not what the
     * user wrote: the message with the user's code instead. The first reading (the code as an expression) fails
     * the most plainly.
     */
    static CellError inUsersTerms(CellError error, String code) {
        if (!CellError.COMPILATION_ERROR.equals(error.ename())) {
            return error;
        }
        List<String> traceback = new ArrayList<>();
        traceback.add("\u001b[0;31mCompile error\u001b[0m in the code to time:");
        code.strip().lines().forEach(line -> traceback.add("    " + line));
        traceback.add(error.evalue());
        return new CellError(error.ename(), error.evalue(), traceback);
    }

    private Object timeit(Invocation call) throws Exception {
        Integer loops = call.args().intOption("number");
        int repeats = call.args().intOption("repeat");
        int precision = call.args().intOption("precision");
        if (loops != null && loops < 1) {
            throw new UsageException("-n must be at least 1, not " + loops);
        }
        if (repeats < 1) {
            throw new UsageException("-r must be at least 1, not " + repeats);
        }
        if (precision < 1 || precision > 17) {
            throw new UsageException("-p takes 1 to 17 significant digits (a double holds no more), not " + precision);
        }
        String code = call.cellForm() ? call.body() : call.args().rest();
        if (call.cellForm() && !call.args().rest().isBlank()) {
            call.runCell(call.args().rest());
        }
        if (code.isBlank()) {
            throw new UsageException("nothing to time: give a statement" + (call.cellForm() ? " in the cell body" : ""));
        }
        return timeCompiled(call, code, loops, repeats, precision);
    }

    private Object timeCompiled(Invocation call, String code, Integer loops, int repeats, int precision) throws Exception {
        Session session = call.session();
        long compileStart = System.nanoTime();
        Object compiled = compile(TimedLambda.sources(code, session.jshell()), session, code);
        double compileSeconds = (System.nanoTime() - compileStart) / 1e9;
        if (!(compiled instanceof Callable<?> timed)) {
            throw CellError.of("MagicError", "%timeit needs the session to return live values from eval; it returned "
                    + (compiled == null ? "null" : compiled.getClass().getName()));
        }
        Bench bench = Bench.create().repeats(repeats).precision(precision).interruptCheck(session::interruptRequested);
        if (loops != null) {
            bench = bench.loops(loops);
        }
        TimingResult result;
        try {
            result = bench.call(timed).withCompileTime(compileSeconds);
        } catch (TimingInterruptedException e) {
            String partial = e.finishedRuns().map(r -> "\nFinished runs: " + r).orElse("");
            throw CellError.of("Interrupted", e.getMessage() + partial);
        } catch (Exception e) {
            if (session.interruptRequested()) {
                throw CellError.of("Interrupted", "%timeit was interrupted");
            }
            throw session.errorOf(e); // as the same code would fail in a cell
        }
        if (!call.args().flag("quiet")) {
            session.out().println(result.report());
            session.out().flush();
        }
        return call.args().flag("output") ? result : Session.NO_VALUE;
    }
}
