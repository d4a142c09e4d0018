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

    @Test
    void firesOnceTheLimitHasRun() throws InterruptedException {
        CellTimeLimit limit = new CellTimeLimit(timers, 100, fired::incrementAndGet);
        limit.start();
        Thread.sleep(300);
        assertEquals(1, fired.get());
        limit.cancel();
        assertEquals(1, fired.get());
    }

    @Test
    void timeWaitingForAnAnswerDoesNotCount() throws InterruptedException {
        CellTimeLimit limit = new CellTimeLimit(timers, 300, fired::incrementAndGet);
        limit.start();
        Thread.sleep(150);
        limit.pause();
        Thread.sleep(500); // far past the limit, while the user types
        assertEquals(0, fired.get());
        limit.resume();
        Thread.sleep(50);
        assertEquals(0, fired.get(), "150 ms of the limit were left");
        Thread.sleep(400);
        assertEquals(1, fired.get(), "the rest of the limit ran out after the answer");
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
        Thread.sleep(250);
        assertEquals(0, fired.get());
        limit.resume();
        Thread.sleep(250);
        assertEquals(1, fired.get());
    }
}
