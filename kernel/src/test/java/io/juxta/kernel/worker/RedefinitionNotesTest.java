package io.juxta.kernel.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.kernel.api.CellError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The notes a session prints when a redefinition costs a variable its value, and only then. */
class RedefinitionNotesTest {
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private JavaSession session;

    @BeforeEach
    void start() {
        session = TestSessions.open(errBytes);
    }

    @AfterEach
    void stop() {
        session.jshell().close();
    }

    private String notes() {
        String text = errBytes.toString(StandardCharsets.UTF_8);
        errBytes.reset();
        return text;
    }

    @Test
    void runningADeclarationAgainSaysNothing() throws CellError {
        session.eval("int a = 1; var r = new java.util.Random(1); double[] x = new double[3];");
        assertEquals("", notes());
        session.eval("int a = 2; var r = new java.util.Random(1); double[] x = new double[4];");
        assertEquals("", notes(), "a re-run cell replaces its variables; nothing was lost");
        assertEquals(2, session.eval("a"));
        assertEquals(4, session.eval("x.length"));
    }

    @Test
    void declaringAVariableAgainWithAnotherTypeSaysNothing() throws CellError {
        session.eval("int n = 1;");
        session.eval("String n = \"one\";");
        assertEquals("", notes());
        assertEquals("one", session.eval("n"));
    }

    @Test
    void redefiningAClassNamesTheVariablesItCost() throws CellError {
        session.eval("class P { int x = 1; }\nvar inferred = new P();\nP declared = new P();\nint other = 7;");
        notes();
        session.eval("class P { int x = 2; int y = 3; }");
        String notes = notes();
        assertTrue(notes.contains("Note: variable inferred can no longer be used, because type P was redefined"), notes);
        assertTrue(notes.contains("Note: variable declared was reset to null, because type P was redefined."), notes);
        assertTrue(!notes.contains("other"), notes);
    }
}
