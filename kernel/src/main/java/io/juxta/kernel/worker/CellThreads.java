package io.juxta.kernel.worker;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * Makes an exception that no thread of the user's catches show, as Java shows it, instead of vanishing. The threads
 * a snippet starts join the thread group of the thread that started them, and JShell runs each snippet on a thread of
 * a group it makes for the run: Java 17's JShell makes a plain group, which passes such an exception to its parent,
 * and then to a default handler of JShell's that drops it; newer JShells give the group an {@code uncaughtException}
 * that drops it at once.
 *
 * <p>So the worker's cell thread, beneath which JShell makes its groups, runs in {@link #CELLS}, which reports what
 * reaches it. Where JShell's group would not pass it on, the snippet runs instead on a thread of a group of this
 * class made beneath JShell's (so JShell's stop still reaches it); that costs a thread start and hand-off per snippet,
 * which Java 17 does without. JShell invokes a static method: {@link #trampoline()} stands in for the snippet's own.
 * One snippet runs at a time in the worker, so the snippet to run is handed over in a static field.
 */
final class CellThreads {
    /** Starts with "JShell", as JShell's groups do: an interrupt wakes every thread of such groups. */
    static final String SNIPPET_GROUP_NAME = "JShell cell";

    private static volatile BiConsumer<Thread, Throwable> uncaught = (t, e) -> { };
    private static volatile java.util.function.BooleanSupplier interrupted = () -> false;

    /** The group of the worker's cell thread: what JShell's groups pass to their parent ends here. */
    static final ThreadGroup CELLS = new Group(Thread.currentThread().getThreadGroup(), "juxta-cells");

    private static final AtomicReference<Method> PENDING = new AtomicReference<>();
    private static final Method TRAMPOLINE;

    static {
        try {
            TRAMPOLINE = CellThreads.class.getDeclaredMethod("trampoline");
            TRAMPOLINE.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CellThreads() {}

    /** Who hears of an exception that a thread started by the user's code did not catch. */
    static void onUncaught(BiConsumer<Thread, Throwable> handler) {
        uncaught = handler;
    }

    /**
     * Whether the cell was interrupted: checked as the snippet starts, since an interrupt that came while javac
     * compiled it found no thread to wake (a Thread.sleep then ran its full time, and the session was ended).
     */
    static void interruptedWhen(java.util.function.BooleanSupplier check) {
        interrupted = check;
    }

    /** The thread running the current snippet's own code, while it runs; null between snippets. */
    private static volatile Thread running;

    /**
     * Whether the cell waits for what the calling thread asks for: it is the thread running the current snippet, or
     * that thread is blocked (waiting on a future the calling thread completes), or no snippet runs at this moment
     * (JShell compiles the cell's next one, which most likely waits for it). False only while the snippet's thread
     * runs on beside the asking thread.
     */
    static boolean cellAwaits() {
        Thread cell = running;
        return cell == null || cell == Thread.currentThread() || cell.getState() != Thread.State.RUNNABLE;
    }

    /**
     * {@link #cellAwaits()}, given up to {@code settleMillis} to become true: a thread the cell started may ask while
     * the snippet that started it still runs its last lines, before the cell goes on to wait for the answer
     * ({@code supplyAsync(() -> scanner.nextLine())}, then {@code get()}). Only a cell that runs on beside the asking
     * thread for longer (a loop) is found running, its prompt shown that much later.
     */
    static boolean cellAwaits(long settleMillis) {
        long deadline = System.nanoTime() + settleMillis * 1_000_000;
        while (!cellAwaits()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return cellAwaits();
            }
        }
        return true;
    }

    /** The method to give JShell in place of {@code snippet}; call it right before JShell invokes it. */
    static Method wrap(Method snippet) {
        PENDING.set(snippet);
        return TRAMPOLINE;
    }

    /** On JShell's snippet thread: runs the snippet where its threads' exceptions reach us; returns or throws as it did. */
    @SuppressWarnings("unused") // called by JShell through reflection
    private static Object trampoline() throws Throwable {
        Method snippet = PENDING.getAndSet(null);
        if (snippet == null) {
            throw new IllegalStateException("no snippet was handed over to run");
        }
        if (interrupted.getAsBoolean()) {
            throw stopped(); // what JShell's own stop check throws: the run ends as stopped
        }
        if (reachesCells(Thread.currentThread().getThreadGroup())) {
            running = Thread.currentThread();
            try {
                return snippet.invoke(null);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                running = null;
            }
        }
        return onThreadOfOurs(snippet);
    }

    @SuppressWarnings("removal")
    private static Error stopped() {
        return new ThreadDeath();
    }

    /** Whether an exception in a thread of {@code g} reaches {@link #CELLS}: every group on the way passes it up. */
    static boolean reachesCells(ThreadGroup g) {
        for (; g != null; g = g.getParent()) {
            if (g == CELLS) {
                return true;
            }
            if (g.getClass() != ThreadGroup.class) {
                return false;
            }
        }
        return false;
    }

    private static Object onThreadOfOurs(Method snippet) throws Throwable {
        ThreadGroup group = new Group(Thread.currentThread().getThreadGroup(), SNIPPET_GROUP_NAME);
        Object[] value = new Object[1];
        Throwable[] thrown = new Throwable[1];
        Thread cell = new Thread(group, () -> {
            running = Thread.currentThread();
            try {
                value[0] = snippet.invoke(null);
            } catch (InvocationTargetException e) {
                thrown[0] = e.getCause();
            } catch (Throwable t) {
                thrown[0] = t;
            } finally {
                running = null;
            }
        }, "cell");
        cell.start();
        // never return while the snippet still runs, or the next one would run beside it: not on an interrupt, and
        // not on Java 17's stop, which throws ThreadDeath into this thread too (and into the cell's, its subgroup's)
        boolean interrupted = false;
        Throwable stopped = null;
        while (true) {
            try {
                cell.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                cell.interrupt();
            } catch (Throwable death) { // ThreadDeath, named without the deprecated type
                stopped = stopped == null ? death : stopped;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (stopped != null) {
            throw stopped;
        }
        if (thrown[0] != null) {
            throw thrown[0];
        }
        return value[0];
    }

    private static final class Group extends ThreadGroup {
        Group(ThreadGroup parent, String name) {
            super(parent, name);
        }

        /** JShell's own signals (a stopped or failed snippet thread) go on to JShell; the user's threads' are shown. */
        @Override
        @SuppressWarnings("removal") // ThreadDeath: how JShell stops a snippet's threads
        public void uncaughtException(Thread t, Throwable e) {
            if (e instanceof ThreadDeath || e instanceof InvocationTargetException || e instanceof IllegalAccessException
                    || e instanceof NoSuchMethodException) {
                super.uncaughtException(t, e);
                return;
            }
            try {
                uncaught.accept(t, e);
            } catch (RuntimeException | Error reportFailed) {
                super.uncaughtException(t, e);
            }
        }
    }
}
