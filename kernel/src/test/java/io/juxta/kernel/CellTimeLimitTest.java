package io.juxta.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CellTimeLimitTest {
    private final java.util.concurrent.ScheduledThreadPoolExecutor timers = new java.util.concurrent.ScheduledThreadPoolExecutor(1);

    {
        timers.setRemoveOnCancelPolicy(true); // so that a test can see that nothing is left scheduled
    }
    private final AtomicInteger fired = new AtomicInteger();

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    /** Waits up to 10 s for the limit to fire (a loaded machine runs timers late), then says whether it did. */
    private boolean firedWithin10s() throws InterruptedException {
        for (int i = 0; i < 1000 && fired.get() == 0; i++) {
            Thread.sleep(10);
        }
        return fired.get() == 1;
    }

    @Test
    void firesOnceTheLimitHasRun() throws InterruptedException {
        CellTimeLimit limit = new CellTimeLimit(timers, 100, fired::incrementAndGet);
        limit.start();
        assertTrue(firedWithin10s());
        limit.cancel();
        Thread.sleep(100);
        assertEquals(1, fired.get());
    }

    @Test
    void timeWaitingForAnAnswerDoesNotCount() throws InterruptedException {
        CellTimeLimit limit = new CellTimeLimit(timers, 2_000, fired::incrementAndGet);
        long started = System.nanoTime();
        limit.start();
        Thread.sleep(500);
        limit.pause();
        long paused = System.nanoTime();
        Thread.sleep(2_500); // past the whole limit, while the user types
        assertEquals(0, fired.get());
        long resumed = System.nanoTime();
        limit.resume();
        assertTrue(firedWithin10s(), "the rest of the limit ran out after the answer");
        double ranSeconds = (System.nanoTime() - resumed + paused - started) / 1e9;
        assertTrue(ranSeconds >= 1.99, "the clock ran " + ranSeconds + " s, not the limit's 2 s");
    }

    @Test
    void aCellThatEndsInTimeIsNotStoppedAndNothingIsLeftScheduled() throws InterruptedException {
        CellTimeLimit limit = new CellTimeLimit(timers, 100, fired::incrementAndGet);
        limit.start();
        limit.cancel();
        limit.resume(); // an answer arriving after the end changes nothing
        Thread.sleep(250);
        assertEquals(0, fired.get());
        assertTrue(timers.getQueue().isEmpty());
    }

    @Test
    void anAnswerAskedForBeforeTheSessionWasUpStartsTheClockOnlyWhenBothAreDone() throws InterruptedException {
        CellTimeLimit limit = new CellTimeLimit(timers, 100, fired::incrementAndGet);
        limit.pause();
        limit.start();
        Thread.sleep(500);
        assertEquals(0, fired.get());
        limit.resume();
        assertTrue(firedWithin10s());
    }
}
