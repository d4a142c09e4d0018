package io.juxta.toolkit.timing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code %timeit -o} returns, with IPython's {@code TimeitResult} semantics: {@link #repeat()}
 * runs of {@link #loops()} loops each; {@link #allRuns()} holds each run's total time, and the
 * statistics are per loop. Times are in seconds.
 */
public final class TimingResult {
    /** IPython prints the compile time only when it exceeds this many seconds. */
    static final double COMPILE_TIME_SHOWN_ABOVE = 0.1;

    private final long loops;
    private final double[] allRuns;
    private final double compileTime;
    private final int precision;

    /**
     * @param loops       loops per run (at least 1)
     * @param allRuns     the total time of each run in seconds (at least one run)
     * @param compileTime seconds spent compiling the timed code, 0 when unknown
     * @param precision   significant digits when printed (IPython's {@code -p}, default 3)
     */
    public TimingResult(long loops, double[] allRuns, double compileTime, int precision) {
        if (loops < 1) {
            throw new IllegalArgumentException("loops per run must be at least 1, got " + loops);
        }
        if (allRuns.length == 0) {
            throw new IllegalArgumentException("a timing result needs at least one run");
        }
        if (precision < 1) {
            throw new IllegalArgumentException("precision must be at least 1 digit, got " + precision);
        }
        this.loops = loops;
        this.allRuns = allRuns.clone();
        this.compileTime = compileTime;
        this.precision = precision;
    }

    public TimingResult(long loops, double[] allRuns) {
        this(loops, allRuns, 0, TimeFormat.DEFAULT_PRECISION);
    }

    /** The same runs with the time spent compiling the timed code. */
    public TimingResult withCompileTime(double seconds) {
        return new TimingResult(loops, allRuns, seconds, precision);
    }

    /** Loops per run. */
    public long loops() {
        return loops;
    }

    /** Number of runs. */
    public int repeat() {
        return allRuns.length;
    }

    /** Total seconds of each run ({@code loops} loops). */
    public double[] allRuns() {
        return allRuns.clone();
    }

    /** Seconds per loop of each run. */
    public double[] timings() {
        return Arrays.stream(allRuns).map(run -> run / loops).toArray();
    }

    /** Mean seconds per loop over the runs. */
    public double average() {
        return Arrays.stream(timings()).sum() / allRuns.length;
    }

    /** Population standard deviation of the seconds per loop, as IPython computes it. */
    public double stdev() {
        double mean = average();
        double squares = Arrays.stream(timings()).map(t -> (t - mean) * (t - mean)).sum();
        return Math.sqrt(squares / allRuns.length);
    }

    /** Seconds per loop of the fastest run. */
    public double best() {
        return Arrays.stream(allRuns).min().getAsDouble() / loops;
    }

    /** Seconds per loop of the slowest run. */
    public double worst() {
        return Arrays.stream(allRuns).max().getAsDouble() / loops;
    }

    public double compileTime() {
        return compileTime;
    }

    public int precision() {
        return precision;
    }

    /**
     * IPython's hint when the slowest run took more than 4 times the fastest (and more than 1 µs
     * per loop): often a sign that a result is cached after the first run.
     */
    public Optional<String> cachingWarning() {
        double best = best();
        double worst = worst();
        if (worst > 4 * best && best > 0 && worst > 1e-6) {
            return Optional.of(String.format(Locale.ROOT,
                    "The slowest run took %.2f times longer than the fastest. "
                            + "This could mean that an intermediate result is being cached.",
                    worst / best));
        }
        return Optional.empty();
    }

    /** Everything {@code %timeit} prints: the caching warning, the summary line, the compile time. */
    public String report() {
        StringBuilder out = new StringBuilder();
        cachingWarning().ifPresent(warning -> out.append(warning).append('\n'));
        out.append(this);
        if (compileTime > COMPILE_TIME_SHOWN_ABOVE) {
            out.append(String.format(Locale.ROOT, "\nCompiler time: %.2f s", compileTime));
        }
        return out.toString();
    }

    /** IPython's summary line, e.g. {@code 12.3 ms ± 45.6 µs per loop (mean ± std. dev. of 7 runs, 10 loops each)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s ± %s per loop (mean ± std. dev. of %d run%s, %,d loop%s each)",
                TimeFormat.seconds(average(), precision), TimeFormat.seconds(stdev(), precision),
                repeat(), repeat() == 1 ? "" : "s", loops, loops == 1 ? "" : "s");
    }
}
