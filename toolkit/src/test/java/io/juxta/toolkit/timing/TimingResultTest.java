package io.juxta.toolkit.timing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimingResultTest {
    /** Seven per-loop timings with the given mean and population standard deviation. */
    private static double[] runsWith(double mean, double stdev, int loops) {
        double d = stdev * Math.sqrt(7.0 / 6.0);
        double[] perLoop = {mean + d, mean - d, mean + d, mean - d, mean + d, mean - d, mean};
        double[] runs = new double[perLoop.length];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = perLoop[i] * loops;
        }
        return runs;
    }

    @Test
    void summaryLineReadsLikeIPython() {
        TimingResult result = new TimingResult(10, runsWith(0.0123, 45.6e-6, 10));
        assertEquals(0.0123, result.average(), 1e-12);
        assertEquals(45.6e-6, result.stdev(), 1e-12);
        assertEquals("12.3 ms ± 45.6 µs per loop (mean ± std. dev. of 7 runs, 10 loops each)", result.toString());
    }

    @Test
    void statisticsArePerLoop() {
        TimingResult result = new TimingResult(4, new double[] {4.0, 8.0, 12.0});
        assertArrayEquals(new double[] {1.0, 2.0, 3.0}, result.timings(), 0);
        assertEquals(2.0, result.average(), 0);
        assertEquals(Math.sqrt(2.0 / 3.0), result.stdev(), 1e-15);
        assertEquals(1.0, result.best(), 0);
        assertEquals(3.0, result.worst(), 0);
        assertEquals(3, result.repeat());
        assertEquals(4, result.loops());
    }

    @Test
    void singularAndThousandsSeparators() {
        assertEquals("2 s ± 0 ns per loop (mean ± std. dev. of 1 run, 1 loop each)",
                new TimingResult(1, new double[] {2.0}).toString());
        assertTrue(new TimingResult(1_000_000, new double[] {0.5, 0.5}).toString()
                .endsWith("(mean ± std. dev. of 2 runs, 1,000,000 loops each)"));
    }

    @Test
    void precisionChangesDigits() {
        TimingResult result = new TimingResult(1, new double[] {0.0123456, 0.0123456}, 0, 5);
        assertTrue(result.toString().startsWith("12.346 ms ± 0 ns"), result.toString());
    }

    @Test
    void warnsWhenTheSlowestRunIsFarSlowerThanTheFastest() {
        TimingResult result = new TimingResult(1, new double[] {0.001, 0.001, 0.005});
        assertEquals("The slowest run took 5.00 times longer than the fastest. "
                + "This could mean that an intermediate result is being cached.", result.cachingWarning().orElseThrow());
        assertTrue(result.report().startsWith(result.cachingWarning().get() + "\n" + result));
    }

    @Test
    void noWarningForSteadyRunsOrSubMicrosecondLoops() {
        assertFalse(new TimingResult(1, new double[] {0.001, 0.0011, 0.0039}).cachingWarning().isPresent());
        assertFalse(new TimingResult(1000, new double[] {1e-7, 9e-4}).cachingWarning().isPresent());
    }

    @Test
    void reportShowsCompileTimeOnlyWhenItMatters() {
        TimingResult quick = new TimingResult(1, new double[] {1.0}).withCompileTime(0.05);
        assertEquals(quick.toString(), quick.report());
        TimingResult slow = quick.withCompileTime(0.25);
        assertEquals(slow + "\nCompiler time: 0.25 s", slow.report());
    }

    @Test
    void rejectsEmptyOrNonsensicalInput() {
        assertThrows(IllegalArgumentException.class, () -> new TimingResult(1, new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new TimingResult(0, new double[] {1}));
    }

    @Test
    void allRunsIsACopy() {
        double[] runs = {1.0, 2.0};
        TimingResult result = new TimingResult(1, runs);
        runs[0] = 99;
        result.allRuns()[1] = 99;
        assertArrayEquals(new double[] {1.0, 2.0}, result.allRuns(), 0);
    }
}
