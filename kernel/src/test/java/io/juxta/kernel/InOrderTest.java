package io.juxta.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InOrderTest {
    private final InOrder inOrder = new InOrder();
    private final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());

    @Test
    void aStepSubmittedWhileNoneRunsStartsOnTheSubmittingThread() {
        Thread[] ranOn = new Thread[1];
        inOrder.submit(() -> {
            ranOn[0] = Thread.currentThread();
            return CompletableFuture.completedFuture(null);
        });
        assertSame(Thread.currentThread(), ranOn[0]);
    }

    @Test
    void theNextStepWaitsForTheFutureOfTheOneBeforeAndStartsOnTheThreadThatCompletesIt() throws Exception {
        CompletableFuture<Void> first = new CompletableFuture<>();
        Thread[] secondRanOn = new Thread[1];
        inOrder.submit(() -> {
            log.add("first");
            return first;
        });
        inOrder.submit(() -> {
            log.add("second");
            secondRanOn[0] = Thread.currentThread();
            return CompletableFuture.completedFuture(null);
        });
        assertEquals(List.of("first"), log, "the second started before the first was done");
        Thread completer = new Thread(() -> first.complete(null), "completer");
        completer.start();
        completer.join();
        assertEquals(List.of("first", "second"), log);
        assertSame(completer, secondRanOn[0]);
    }

    @Test
    void stepsRunInTheOrderSubmittedAndOnlyOneAtATime() throws Exception {
        int n = 200;
        CountDownLatch all = new CountDownLatch(n);
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger mostAtOnce = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService finishers = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            for (int i = 0; i < n; i++) {
                String name = "step " + i;
                inOrder.submit(() -> {
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    log.add(name);
                    CompletableFuture<Void> done = new CompletableFuture<>();
                    finishers.execute(() -> {
                        running.decrementAndGet();
                        all.countDown();
                        done.complete(null);
                    });
                    return done;
                });
            }
            assertTrue(all.await(10, TimeUnit.SECONDS), "not every step ran");
        } finally {
            finishers.shutdown();
        }
        assertEquals(1, mostAtOnce.get());
        for (int i = 0; i < n; i++) {
            assertEquals("step " + i, log.get(i));
        }
    }

    @Test
    void manyStepsDoneAtOnceBehindARunningOneDoNotDeepenTheStack() {
        CompletableFuture<Void> first = new CompletableFuture<>();
        inOrder.submit(() -> first);
        int[] depths = new int[2];
        int n = 100_000; // aborted cells: each returns a finished future
        for (int i = 0; i < n; i++) {
            int index = i;
            inOrder.submit(() -> {
                if (index == 0 || index == n - 1) {
                    depths[index == 0 ? 0 : 1] = Thread.currentThread().getStackTrace().length;
                }
                return CompletableFuture.completedFuture(null);
            });
        }
        first.complete(null);
        assertTrue(depths[0] > 0 && depths[1] > 0, "the steps did not run");
        assertEquals(depths[0], depths[1], "each step ran deeper in the stack than the one before");
    }

    @Test
    void aStepThatThrowsOrFailsDoesNotStopTheOnesAfterIt() {
        inOrder.submit(() -> {
            throw new IllegalStateException("this step fails to start");
        });
        inOrder.submit(() -> CompletableFuture.failedFuture(new RuntimeException("this one fails")));
        inOrder.submit(() -> {
            throw new OutOfMemoryError("this one runs out of memory as it starts");
        });
        inOrder.submit(() -> {
            log.add("after");
            return CompletableFuture.completedFuture(null);
        });
        assertEquals(List.of("after"), log);
    }

    @Test
    void closeDropsTheWaitingStepsAndRefusesNewOnes() {
        CompletableFuture<Void> first = new CompletableFuture<>();
        inOrder.submit(() -> first);
        inOrder.submit(() -> {
            log.add("waiting");
            return CompletableFuture.completedFuture(null);
        });
        inOrder.close();
        first.complete(null);
        inOrder.submit(() -> {
            log.add("after close");
            return CompletableFuture.completedFuture(null);
        });
        assertEquals(List.of(), log);
    }
}
