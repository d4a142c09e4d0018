package io.juxta.kernel.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.kernel.api.CellError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The notes a session prints when a declaration cannot be used yet or a redefinition cost a variable its value, and only then. */
class DeclarationNotesTest {
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

    @Test
    void declarationsThatNameEachOtherInOneCellGetNoNote() throws CellError {
        session.eval("sealed interface Shape permits Circle, Square {}\nrecord Circle(double r) implements Shape {}\n"
                + "record Square(double s) implements Shape {}\nShape s = new Square(2);");
        assertEquals("", notes());
        assertEquals("Square[s=2.0]", String.valueOf(session.eval("s")));
    }

    @Test
    void aDeclarationStillWaitingWhenTheCellEndsIsNoted() throws CellError {
        session.eval("class Holder { Missing m; }\nint later = 1;");
        assertEquals("Note: type Holder is declared but cannot be used until class Missing is defined.",
                notes().strip());
        session.eval("class Missing { }");
        assertEquals("", notes());
        assertEquals("Holder", session.eval("new Holder()").getClass().getSimpleName());
    }
}
