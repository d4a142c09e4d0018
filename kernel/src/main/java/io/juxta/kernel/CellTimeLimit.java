package io.juxta.kernel;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The time limit of one running cell ({@code --cell-timeout}). Its clock runs from {@link #start} (the session is up)
 * to the cell's end, but not while the cell waits for the user to type an answer ({@link #pause}, {@link #resume}):
 * the limit is for runaway code, and a student who takes a minute to answer a prompt is not one.
 */
final class CellTimeLimit {
    private final ScheduledExecutorService timers;
    private final Runnable onExpiry;
    private long remainingNanos;
    private long runningSince;
    private ScheduledFuture<?> expiry;
    private boolean started;
    private boolean paused;
    private boolean over;

    CellTimeLimit(ScheduledExecutorService timers, long limitMillis, Runnable onExpiry) {
        this.timers = timers;
        this.onExpiry = onExpiry;
        this.remainingNanos = TimeUnit.MILLISECONDS.toNanos(limitMillis);
    }

    /** The cell's session is up: the clock starts (unless the cell already waits for input). */
    synchronized void start() {
        started = true;
        run();
    }

    /** The cell waits for an answer from the front end: the clock stops. */
    synchronized void pause() {
        if (paused || over) {
            return;
        }
        paused = true;
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
            remainingNanos -= System.nanoTime() - runningSince;
        }
    }

    /** The answer came: the clock goes on with what was left. */
    synchronized void resume() {
        paused = false;
        run();
    }

    /** The cell ended: the limit will not fire. */
    synchronized void cancel() {
        over = true;
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
    }

    private void run() {
        if (!started || paused || over || expiry != null) {
            return;
        }
        runningSince = System.nanoTime();
        expiry = timers.schedule(this::expire, Math.max(0, remainingNanos), TimeUnit.NANOSECONDS);
    }

    private void expire() {
        synchronized (this) {
            if (over || paused) {
                return;
            }
            over = true;
            expiry = null;
        }
        onExpiry.run();
    }
}
