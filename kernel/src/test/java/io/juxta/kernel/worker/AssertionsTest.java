package io.juxta.kernel.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.kernel.api.CellError;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A cell's {@code assert} statements are checked, wherever in the cell's code they are. */
class AssertionsTest {
    private JavaSession session;

    @BeforeEach
    void start() {
        session = TestSessions.open(new ByteArrayOutputStream());
    }

    @AfterEach
    void stop() {
        session.jshell().close();
    }

    @Test
    void aFailingAssertStopsTheCellWithItsMessage() throws CellError {
        CellError e = assertThrows(CellError.class, () -> session.eval("int answer = 41;\nassert answer == 42 : \"expected 42, got \" + answer;"));
        assertEquals("java.lang.AssertionError", e.ename());
        assertEquals("expected 42, got 41", e.evalue());
        assertTrue(String.join("\n", e.traceback()).contains("line 2"), () -> String.join("\n", e.traceback()));
    }

    @Test
    void assertsInMethodsAndClassesOfEarlierCellsAreCheckedToo() throws CellError {
        session.eval("void positive(int v) { assert v > 0 : v; }");
        session.eval("class Account { int balance; void take(int n) { balance -= n; assert balance >= 0 : \"overdrawn\"; } }");
        session.eval("positive(1)");
        assertEquals("-3", assertThrows(CellError.class, () -> session.eval("positive(-3)")).evalue());
        assertEquals("overdrawn", assertThrows(CellError.class, () -> session.eval("new Account().take(5)")).evalue());
        assertEquals(true, session.eval("int checked = 0; assert ++checked > 0; checked == 1"), "the assert's expression ran");
    }
}
