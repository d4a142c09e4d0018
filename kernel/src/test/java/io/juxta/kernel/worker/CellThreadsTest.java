package io.juxta.kernel.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.kernel.api.CellError;
import io.juxta.kernel.api.MimeBundle;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A session run from the worker's cell thread (in {@link CellThreads#CELLS}) and from any other thread: the user's
 * threads' uncaught exceptions are shown either way, and a cell never returns while its snippet still runs.
 */
class CellThreadsTest {
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private ExecutorService cells;
    private JavaSession session;

    private void start(boolean inCells) throws Exception {
        cells = Executors.newSingleThreadExecutor(r -> inCells ? new Thread(CellThreads.CELLS, r, "juxta-cell") : new Thread(r, "plain"));
        session = cells.submit(() -> TestSessions.open(errBytes)).get();
    }

    @AfterEach
    void stop() {
        if (cells != null) {
            cells.shutdownNow();
        }
    }

    private Future<String> submit(String code) {
        return cells.submit(() -> {
            try {
                session.clearInterrupt(); // as the worker does before each cell
                MimeBundle b = session.runCell(code, 1);
                return b == null ? "" : String.valueOf(b.data().get("text/plain"));
            } catch (CellError e) {
                return e.ename();
            }
        });
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8).replaceAll("\u001b\\[[0-9;]*m", "");
    }

    @Test
    void theUsersThreadsReportWhatTheyDoNotCatchFromEitherKindOfThread() throws Exception {
        for (boolean inCells : new boolean[] {true, false}) {
            start(inCells);
            submit("Thread t = new Thread(() -> { throw new IllegalStateException(\"boom\"); }, \"loader\");\nt.start(); t.join();")
                    .get(30, TimeUnit.SECONDS);
            submit("Thread lib = new Thread(java.util.List.of()::clear, \"lib\"); lib.start(); lib.join();").get(30, TimeUnit.SECONDS);
            String err = err();
            assertTrue(err.contains("Exception in thread \"loader\" java.lang.IllegalStateException: boom\n"
                    + "    at <lambda in cell>(In [1], line 1)\n"), inCells + ": " + err);
            assertTrue(err.contains("Exception in thread \"lib\" java.lang.UnsupportedOperationException\n    at java.base/"),
                    "a library's frames when the cell has none: " + err);
            assertFalse(err.contains("$JShell$"), err);
            errBytes.reset();
            cells.shutdownNow();
        }
    }

    @Test
    void aStoppedCellWaitsForItsSnippetEvenIfTheSnippetSwallowsTheStop() throws Exception {
        System.clearProperty("juxta.test.snippet");
        start(false); // off the cell thread: the snippet runs on a thread of CellThreads' (Java 17's stop hits both)
        Future<String> cell = submit("if (true) { try { while (true) { Thread.onSpinWait(); } } catch (Throwable stop) { }\n"
                + "long end = System.nanoTime() + 500_000_000L; while (System.nanoTime() < end) { }\n"
                + "System.setProperty(\"juxta.test.snippet\", \"ended\"); }");
        Thread.sleep(700);
        session.interrupt();
        assertEquals("Interrupted", cell.get(10, TimeUnit.SECONDS));
        assertEquals("ended", System.getProperty("juxta.test.snippet"), "the cell returned before its snippet ended");
        assertEquals("2", submit("1 + 1").get(30, TimeUnit.SECONDS));
    }

    @Test
    void onlyPlainGroupsPassAnExceptionOnToTheCellsGroup() {
        ThreadGroup plain = new ThreadGroup(CellThreads.CELLS, "JShell process local execution");
        assertTrue(CellThreads.reachesCells(plain));
        ThreadGroup swallowing = new ThreadGroup(CellThreads.CELLS, "JShell process local execution") {
            @Override public void uncaughtException(Thread t, Throwable e) { }
        };
        assertFalse(CellThreads.reachesCells(swallowing));
        assertFalse(CellThreads.reachesCells(Thread.currentThread().getThreadGroup()));
    }
}
