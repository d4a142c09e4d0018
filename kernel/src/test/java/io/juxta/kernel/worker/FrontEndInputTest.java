package io.juxta.kernel.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FrontEndInputTest {
    @Test
    void anAnswerThatArrivesBeforeTheCellWaitsIsKept() {
        AtomicReference<FrontEndInput> input = new AtomicReference<>();
        // the front end answers at once, before readLine has started to wait: the race a busy machine produces
        input.set(new FrontEndInput((prompt, password) -> input.get().answer("Ada"), () -> ""));
        String line = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> input.get().readLine("Name: ", false));
        assertEquals("Ada", line);
    }

    /**
     * Java 17's JShell stops an interrupted cell with Thread.stop. A cell stopped while it waited for input must not
     * leave the next cell's wait deaf to its answer (it was, with a LinkedBlockingQueue: the kernel stayed busy).
     */
    @Test
    @SuppressWarnings("removal")
    void aCellStoppedWhileWaitingDoesNotSwallowTheNextCellsAnswer() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        FrontEndInput input = new FrontEndInput((prompt, password) -> asked.countDown(), () -> "");
        Thread first = new Thread(() -> {
            try {
                input.readLine("Name: ", false);
            } catch (Throwable expected) {
                // ThreadDeath, as the interrupt gives it
            }
        });
        first.start();
        assertTrue(asked.await(5, TimeUnit.SECONDS));
        waitUntilWaiting(first);
        try {
            first.stop();
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "this JDK has no Thread.stop, so JShell cannot stop a cell this way");
        }
        first.join(5_000);

        String[] got = new String[1];
        CountDownLatch askedAgain = new CountDownLatch(1);
        FrontEndInput same = input; // the worker keeps one FrontEndInput for every cell
        Thread next = new Thread(() -> {
            try {
                askedAgain.countDown();
                got[0] = same.readLine("Name: ", false);
            } catch (IOException e) {
                got[0] = "failed: " + e;
            }
        });
        next.start();
        assertTrue(askedAgain.await(5, TimeUnit.SECONDS));
        waitUntilWaiting(next);
        same.answer("Bea");
        next.join(5_000);
        assertEquals("Bea", got[0]);
    }

    private static void waitUntilWaiting(Thread t) throws InterruptedException {
        for (int i = 0; i < 500 && t.getState() != Thread.State.WAITING; i++) {
            Thread.sleep(10);
        }
        assertEquals(Thread.State.WAITING, t.getState());
    }
}
