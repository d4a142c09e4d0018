package io.juxta.toolkit.timing;

import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * Times code the way IPython's {@code %timeit} does: unless a loop count is given, it tries 1, 2,
 * 5, 10, 20, 50, ... loops until one run takes at least 0.2 s, then makes 7 runs (by default) of
 * that many loops. The calibration runs are not part of the result.
 *
 * <pre>{@code
 * TimingResult r = Bench.create().repeats(5).run(() -> model.forward(x));
 * }</pre>
 *
 * Instances are immutable; each setter returns a copy.
 */
public final class Bench {
    public static final int DEFAULT_REPEATS = 7;
    /** Auto-calibration stops at the first loop count whose run takes at least this long. */
    public static final double MIN_RUN_SECONDS = 0.2;
    /** Calibration never goes beyond this many loops (code the JIT removes takes no time). */
    static final long MAX_AUTO_LOOPS = 10_000_000_000L;
    /** Within a run, the interrupt check is called at most this often, to keep its cost out of the timing. */
    static final int INTERRUPT_CHECKS_PER_RUN = 20;

    private static final BooleanSupplier NEVER_INTERRUPTED = () -> false;

    private final long loops;
    private final int repeats;
    private final int precision;
    private final BooleanSupplier interruptRequested;
    private final TimeSource clock;

    /** Where returned values go, so the JIT cannot drop the code that computes them. */
    private static volatile Object sink;

    private Bench(long loops, int repeats, int precision, BooleanSupplier interruptRequested, TimeSource clock) {
        this.loops = loops;
        this.repeats = repeats;
        this.precision = precision;
        this.interruptRequested = interruptRequested;
        this.clock = clock;
    }

    /** Automatic loop count, 7 runs, 3 significant digits, the system clock. */
    public static Bench create() {
        return new Bench(0, DEFAULT_REPEATS, TimeFormat.DEFAULT_PRECISION, NEVER_INTERRUPTED, TimeSource.SYSTEM);
    }

    /** Times code with the defaults, as a bare {@code %timeit} does. */
    public static TimingResult timeit(TimedCode code) throws Exception {
        return create().run(code);
    }

    /** Loops per run ({@code -n}); 0 chooses it automatically. */
    public Bench loops(long loopsPerRun) {
        if (loopsPerRun < 0) {
            throw new IllegalArgumentException(
                    "the loop count (-n) must be positive, or 0 to choose it automatically; got " + loopsPerRun);
        }
        return new Bench(loopsPerRun, repeats, precision, interruptRequested, clock);
    }

    /** Number of runs ({@code -r}). */
    public Bench repeats(int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("the number of runs (-r) must be at least 1; got " + runs);
        }
        return new Bench(loops, runs, precision, interruptRequested, clock);
    }

    /** Significant digits of the printed times ({@code -p}). */
    public Bench precision(int digits) {
        if (digits < 1) {
            throw new IllegalArgumentException("the precision (-p) must be at least 1 digit; got " + digits);
        }
        return new Bench(loops, repeats, digits, interruptRequested, clock);
    }

    /** Polled between loops; when it returns true the timing stops with {@link TimingInterruptedException}. */
    public Bench interruptCheck(BooleanSupplier interruptRequested) {
        return new Bench(loops, repeats, precision, interruptRequested, clock);
    }

    /** The clock to read; for tests. */
    public Bench clock(TimeSource clock) {
        return new Bench(loops, repeats, precision, interruptRequested, clock);
    }

    /** Times code that returns nothing. */
    public TimingResult run(TimedCode code) throws Exception {
        long loopsPerRun = loops > 0 ? loops : calibrate(code);
        double[] runs = new double[repeats];
        for (int run = 0; run < repeats; run++) {
            checkInterrupt(run, runs, loopsPerRun);
            runs[run] = timeLoops(code, loopsPerRun, run, runs);
        }
        return new TimingResult(loopsPerRun, runs, 0, precision);
    }

    /** Times code that returns a value; the value is kept so the JIT cannot skip computing it. */
    public TimingResult call(Callable<?> code) throws Exception {
        return run(() -> sink = code.call());
    }

    /** The loop count {@code %timeit} would choose: the first of 1, 2, 5, 10, ... whose run takes 0.2 s. */
    public long calibrate(TimedCode code) throws Exception {
        for (long decade = 1; ; decade *= 10) {
            for (long factor : new long[] {1, 2, 5}) {
                long candidate = decade * factor;
                if (timeLoops(code, candidate, 0, new double[0]) >= MIN_RUN_SECONDS || candidate >= MAX_AUTO_LOOPS) {
                    return candidate;
                }
            }
        }
    }

    private double timeLoops(TimedCode code, long count, int runIndex, double[] finishedRuns) throws Exception {
        long checkEvery = Math.max(1, count / INTERRUPT_CHECKS_PER_RUN);
        long start = clock.nanoTime();
        for (long i = 1; i <= count; i++) {
            code.run();
            if (i % checkEvery == 0 && i < count && interruptRequested.getAsBoolean()) {
                throw interrupted(runIndex, finishedRuns, count);
            }
        }
        return (clock.nanoTime() - start) / 1e9;
    }

    private void checkInterrupt(int runIndex, double[] finishedRuns, long loopsPerRun) {
        if (interruptRequested.getAsBoolean()) {
            throw interrupted(runIndex, finishedRuns, loopsPerRun);
        }
    }

    private TimingInterruptedException interrupted(int runIndex, double[] finishedRuns, long loopsPerRun) {
        TimingResult partial = runIndex > 0 && finishedRuns.length > 0
                ? new TimingResult(loopsPerRun, Arrays.copyOf(finishedRuns, runIndex), 0, precision)
                : null;
        String message = runIndex == 0
                ? "Timing interrupted before the first run finished"
                : "Timing interrupted after " + runIndex + " of " + repeats + " runs";
        return new TimingInterruptedException(message, partial);
    }

    @Override
    public String toString() {
        return "Bench[loops=" + (loops == 0 ? "auto" : loops) + ", repeats=" + repeats + ", precision=" + precision + "]";
    }
}
