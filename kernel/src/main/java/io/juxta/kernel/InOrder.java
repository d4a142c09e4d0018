package io.juxta.kernel;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs asynchronous steps one at a time, in the order they were submitted, without a thread of its own: a step
 * submitted while none runs starts on the submitting thread, and each waiting one starts on the thread that
 * finished the step before it. A kernel thread that only handed each request on cost a wake-up per cell, on two
 * busy cores up to milliseconds (see docs/benchmarks.md).
 *
 * <p>A step must not block: it starts its work and returns a future of when it is done.
 */
final class InOrder {
    private static final Logger LOG = Logger.getLogger(InOrder.class.getName());

    private final ArrayDeque<Supplier<CompletableFuture<?>>> waiting = new ArrayDeque<>();
    private boolean running;
    private boolean closed;

    /** Starts {@code step} now if nothing runs, else once everything submitted before it is done. */
    void submit(Supplier<CompletableFuture<?>> step) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (running) {
                waiting.add(step);
                return;
            }
            running = true;
        }
        runFrom(step);
    }

    /** Drops the waiting steps and accepts no more; a running step finishes. */
    synchronized void close() {
        closed = true;
        waiting.clear();
    }

    /**
     * Runs {@code step}, and the waiting ones after it as long as each is done when it returns (an aborted cell),
     * in a loop rather than by recursion; a step still running when it returns passes the turn on when it is done.
     */
    private void runFrom(Supplier<CompletableFuture<?>> step) {
        while (step != null) {
            CompletableFuture<?> done;
            try {
                done = step.get();
            } catch (RuntimeException | Error e) { // the steps after it still run (an Error too: out of memory)
                LOG.log(Level.SEVERE, "a request failed to start", e);
                done = CompletableFuture.completedFuture(null);
            }
            if (!done.isDone()) {
                // completing between isDone and here runs the continuation on this thread: one level deeper, once
                done.whenComplete((v, t) -> runFrom(next()));
                return;
            }
            step = next();
        }
    }

    /** The next waiting step, or null after marking that none runs. */
    private synchronized Supplier<CompletableFuture<?>> next() {
        Supplier<CompletableFuture<?>> step = closed ? null : waiting.poll();
        if (step == null) {
            running = false;
        }
        return step;
    }
}
