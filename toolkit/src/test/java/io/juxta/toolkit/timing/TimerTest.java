package io.juxta.toolkit.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerTest {
    private static Timer.Clocks replay(Timer.Reading... readings) {
        Deque<Timer.Reading> queue = new ArrayDeque<>(List.of(readings));
        return queue::removeFirst;
    }

    @Test
    void splitsThreadCpuIntoUserAndSystem() {
        Timer timer = Timer.start(replay(
                new Timer.Reading(1_000, 2_000_000, 1_000_000, 5_000_000),
                new Timer.Reading(1_000 + 5_300_000, 3_200_000, 2_000_000, 9_000_000)));
        Timer.Elapsed elapsed = timer.stop();
        assertEquals(0.0053, elapsed.wallSeconds(), 1e-15);
        assertEquals(0.001, elapsed.userSeconds(), 1e-15);
        assertEquals(0.0002, elapsed.systemSeconds(), 1e-15);
        assertEquals(0.0012, elapsed.cpuSeconds(), 1e-15);
        assertEquals(0.004, elapsed.processCpuSeconds(), 1e-15);
        assertEquals("CPU times: user 1 ms, sys: 200 µs, total: 1.2 ms\nWall time: 5.3 ms", elapsed.toString());
    }

    @Test
    void coarseUserTicksNeverMakeSystemTimeNegative() {
        // user time advanced by a 10 ms tick while the precise total advanced by 4 ms
        Timer timer = Timer.start(replay(new Timer.Reading(0, 0, 0, 0),
                new Timer.Reading(4_000_000, 4_000_000, 10_000_000, 4_000_000)));
        Timer.Elapsed elapsed = timer.stop();
        assertEquals(0.004, elapsed.userSeconds(), 1e-15);
        assertEquals(0.0, elapsed.systemSeconds(), 0);
    }

    @Test
    void missingCpuClockIsReportedNotInvented() {
        Timer timer = Timer.start(replay(new Timer.Reading(0, -1, -1, -1), new Timer.Reading(2_000_000_000L, -1, -1, -1)));
        Timer.Elapsed elapsed = timer.stop();
        assertTrue(Double.isNaN(elapsed.cpuSeconds()));
        assertEquals("CPU times: not measured (this JVM has no thread CPU clock)\nWall time: 2 s", elapsed.toString());
    }

    @Test
    void systemClocksMeasureWorkOnThisThread() throws Exception {
        double[] sink = new double[1];
        Timer.Elapsed elapsed = Timer.time(() -> {
            for (int i = 0; i < 5_000_000; i++) {
                sink[0] += Math.sqrt(i);
            }
        });
        assertTrue(elapsed.wallSeconds() > 0, elapsed.toString());
        assertTrue(elapsed.cpuSeconds() > 0, elapsed.toString());
        assertTrue(elapsed.systemSeconds() >= 0, elapsed.toString());
        assertTrue(elapsed.processCpuSeconds() > 0, elapsed.toString());
    }
}
