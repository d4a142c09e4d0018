package io.juxta.toolkit.timing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BenchTest {
    /** A clock that moves only when the timed code says it took some time. */
    private static final class FakeClock implements TimeSource {
        long now;

        @Override
        public long nanoTime() {
            return now;
        }
    }

    @Test
    void calibrationFollowsOneTwoFiveUntilARunTakesTwoTenthsOfASecond() throws Exception {
        FakeClock clock = new FakeClock();
        List<Long> tried = new ArrayList<>();
        Bench bench = Bench.create().clock(clock);
        long loops = bench.calibrate(() -> clock.now += 1_000_000); // 1 ms per loop
        assertEquals(200, loops);

        FakeClock clock2 = new FakeClock();
        AtomicInteger calls = new AtomicInteger();
        long loops2 = Bench.create().clock(clock2).calibrate(() -> {
            calls.incrementAndGet();
            clock2.now += 30_000; // 30 µs per loop: 5000 loops take 0.15 s, 10000 take 0.3 s
        });
        assertEquals(10_000, loops2);
        for (long n : new long[] {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000}) {
            tried.add(n);
        }
        assertEquals(tried.stream().mapToLong(Long::longValue).sum(), calls.get());
    }

    @Test
    void autoRunMakesSevenRunsOfTheCalibratedLoopCount() throws Exception {
        FakeClock clock = new FakeClock();
        AtomicInteger calls = new AtomicInteger();
        TimingResult result = Bench.create().clock(clock).run(() -> {
            calls.incrementAndGet();
            clock.now += 1_000_000;
        });
        assertEquals(200, result.loops());
        assertEquals(7, result.repeat());
        assertEquals(0.001, result.average(), 1e-15);
        assertEquals("1 ms ± 0 ns per loop (mean ± std. dev. of 7 runs, 200 loops each)", result.toString());
        long calibrationCalls = 1 + 2 + 5 + 10 + 20 + 50 + 100 + 200;
        assertEquals(calibrationCalls + 7 * 200, calls.get());
    }

    @Test
    void explicitLoopsAndRepeatsSkipCalibration() throws Exception {
        FakeClock clock = new FakeClock();
        AtomicInteger calls = new AtomicInteger();
        long[] perLoopNanos = {1000, 1000, 1000, 3000, 3000, 3000};
        TimingResult result = Bench.create().clock(clock).loops(3).repeats(2).run(
                () -> clock.now += perLoopNanos[calls.getAndIncrement()]);
        assertEquals(6, calls.get());
        assertEquals(3, result.loops());
        assertArrayEquals(new double[] {3e-6, 9e-6}, result.allRuns(), 1e-18);
        assertEquals(2e-6, result.average(), 1e-18);
        assertEquals(1e-6, result.stdev(), 1e-18);
    }

    @Test
    void interruptStopsBetweenLoopsAndKeepsFinishedRuns() {
        FakeClock clock = new FakeClock();
        AtomicInteger calls = new AtomicInteger();
        Bench bench = Bench.create().clock(clock).loops(4).repeats(5)
                .interruptCheck(() -> calls.get() >= 9); // during the third run
        TimingInterruptedException stop = assertThrows(TimingInterruptedException.class, () -> bench.run(() -> {
            calls.incrementAndGet();
            clock.now += 500;
        }));
        assertEquals(9, calls.get());
        assertEquals("Timing interrupted after 2 of 5 runs", stop.getMessage());
        TimingResult finished = stop.finishedRuns().orElseThrow();
        assertEquals(2, finished.repeat());
        assertEquals(500e-9, finished.average(), 1e-18);
    }

    @Test
    void interruptDuringCalibrationHasNoFinishedRuns() {
        Bench bench = Bench.create().clock(new FakeClock()).interruptCheck(() -> true);
        TimingInterruptedException stop = assertThrows(TimingInterruptedException.class, () -> bench.run(() -> {}));
        assertTrue(stop.finishedRuns().isEmpty());
    }

    @Test
    void callKeepsTheValueAndTimesIt() throws Exception {
        FakeClock clock = new FakeClock();
        TimingResult result = Bench.create().clock(clock).loops(2).repeats(3).call(() -> {
            clock.now += 2_000;
            return "value";
        });
        assertEquals(2e-6, result.best(), 1e-18);
        assertEquals(3, result.repeat());
    }

    @Test
    void exceptionsFromTheTimedCodeReachTheCaller() {
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> Bench.create().loops(1).run(() -> {
                    throw boom;
                }));
        assertSame(boom, thrown);
    }

    @Test
    void badOptionsSayWhatIsAllowed() {
        IllegalArgumentException runs = assertThrows(IllegalArgumentException.class, () -> Bench.create().repeats(0));
        assertTrue(runs.getMessage().contains("-r"), runs.getMessage());
        IllegalArgumentException loops = assertThrows(IllegalArgumentException.class, () -> Bench.create().loops(-1));
        assertTrue(loops.getMessage().contains("-n"), loops.getMessage());
    }

    @Test
    void timesRealCodeWithTheSystemClock() throws Exception {
        TimingResult result = Bench.create().loops(5).repeats(3).run(() -> Thread.sleep(1));
        assertEquals(3, result.repeat());
        assertTrue(result.best() >= 0.001, "a 1 ms sleep cannot take less than 1 ms: " + result);
    }
}
