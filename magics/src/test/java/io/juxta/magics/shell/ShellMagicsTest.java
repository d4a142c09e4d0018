package io.juxta.magics.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.kernel.api.CellError;
import io.juxta.magics.MagicsHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShellMagicsTest {
    private final MagicsHarness magics = new MagicsHarness();

    @AfterEach
    void close() {
        magics.close();
    }

    @Test
    void bangLinesRunInOrderWithJava() throws CellError {
        Object value = magics.run("!echo one\nint x = 2;\n!echo two; echo oops >&2\nx");
        assertEquals(2, value);
        assertEquals("one\ntwo\n", magics.session.stdout());
        assertEquals("oops\n", magics.session.stderr());
    }

    @Test
    void aFailingBangLineDoesNotStopTheCell() throws CellError {
        assertEquals(7, magics.run("!exit 3\n7"));
    }

    @Test
    void bashCellsSeeEnvVariablesAndFailOnNonZeroExit() throws CellError {
        magics.run("%env JUXTA_TEST_WORD=hello");
        magics.run("%%bash\necho \"$JUXTA_TEST_WORD world\"\nfor i in 1 2; do echo $i; done");
        assertTrue(magics.session.stdout().endsWith("hello world\n1\n2\n"), magics.session.stdout());
        CellError error = magics.fails("%%bash\nexit 4");
        assertEquals("ShellError", error.ename());
        assertEquals("the script exited with code 4", error.evalue());
        magics.run("%%bash --no-raise-error\nexit 4");
    }

    @Test
    void scriptsReadNoInput() throws CellError {
        magics.run("%%bash\ncat; echo done");
        assertTrue(magics.session.stdout().endsWith("done\n"));
    }

    @Test
    void stopAllEndsARunningCommandAndItsChildren() throws Exception {
        ShellRunner runner = new ShellRunner(magics.environment);
        int[] exit = {0};
        Thread cell = new Thread(() -> {
            try {
                exit[0] = runner.run("sleep 600 & echo started; wait", magics.session, false);
            } catch (io.juxta.kernel.api.CellError e) {
                exit[0] = -1;
            }
        });
        cell.start();
        while (!magics.session.stdout().contains("started")) {
            Thread.onSpinWait(); // the child is forked once the script says so
        }
        runner.stopAll();
        cell.join();
        assertTrue(exit[0] != 0, "a destroyed script does not exit cleanly: " + exit[0]);
        assertEquals(0, runner.runningCount());
    }
}
