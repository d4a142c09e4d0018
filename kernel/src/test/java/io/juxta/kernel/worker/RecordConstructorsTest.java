package io.juxta.kernel.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.kernel.api.CellError;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Records with their own canonical or compact constructor, written as Java's examples write them. */
class RecordConstructorsTest {
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
    void aCompactConstructorWithoutModifierValidates() throws CellError {
        session.eval("record Range(int lo, int hi) {\n    Range {\n        if (lo > hi) throw new IllegalArgumentException(lo + \" > \" + hi);\n    }\n}");
        assertEquals("Range[lo=1, hi=2]", String.valueOf(session.eval("new Range(1, 2)")));
        CellError e = assertThrows(CellError.class, () -> session.eval("new Range(3, 2)"));
        assertEquals("java.lang.IllegalArgumentException", e.ename());
        assertEquals("3 > 2", e.evalue());
    }

    @Test
    void aCanonicalConstructorWithoutModifierAndASecondRecordInOneCell() throws CellError {
        assertEquals("P[x=2]", String.valueOf(session.eval(
                "record P(int x) { P(int x) { this.x = 2 * x; } }\nrecord Q(String s) { Q { s = s.strip(); } }\nnew P(1)")));
        assertEquals("Q[s=a]", String.valueOf(session.eval("new Q(\"  a \")")));
    }

    @Test
    void anotherErrorInSuchARecordIsShownWhereTheUserWroteIt() {
        CellError e = assertThrows(CellError.class, () -> session.eval("int before = 1;\nrecord Bad(int v) { Bad { v = \"text\"; } }"));
        assertEquals(CellError.COMPILATION_ERROR, e.ename());
        assertTrue(e.evalue().contains("incompatible types"), e.evalue());
        String shown = String.join("\n", e.traceback());
        assertTrue(shown.contains("line 2, column 31:\n    record Bad(int v) { Bad { v = \"text\"; } }\n"
                + " ".repeat(4 + 30) + "^"), shown);
    }

    @Test
    void aConstructorThatIsPrivateKeepsJavacsOwnError() {
        CellError e = assertThrows(CellError.class, () -> session.eval("record S(int v) { private S { } }"));
        assertTrue(e.evalue().contains("invalid canonical constructor"), e.evalue());
    }
}
