package io.juxta.kernel.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.kernel.api.CellError;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TypeNameClashesTest {
    private JShell jshell;
    private TypeNameClashes clashes;

    @BeforeEach
    void start() {
        jshell = JShell.builder().executionEngine("local").build();
        clashes = new TypeNameClashes(jshell);
    }

    @AfterEach
    void stop() {
        jshell.close();
    }

    private List<String> check(String code) throws CellError {
        return clashes.beforeEval(code, DeferredImports.none()).notes();
    }

    /** Evaluates as the session does: the clash check first, then JShell. */
    private String value(String code) throws CellError {
        check(code);
        return Snippets.value(jshell, code);
    }

    @Test
    void plainJShellRejectsEverySnippetOnceAClassTakesAnImportedName() {
        jshell.eval("import java.io.Reader;");
        jshell.eval("class Reader { int q = 3; }");
        // the reason this class exists: without it, even 1+1 fails from here on
        assertEquals(Snippet.Status.REJECTED, jshell.eval("1+1").get(0).status());
    }

    @Test
    void aClassReplacesTheSingleTypeImportOfItsNameAndTheSessionGoesOn() throws CellError {
        value("import java.io.Reader;");
        value("import java.util.function.Function;");
        value("int x = 5;");

        List<String> notes = check("class Reader { int q = 3; }");
        jshell.eval("class Reader { int q = 3; }");

        assertEquals(1, notes.size(), notes::toString);
        assertTrue(notes.get(0).contains("java.io.Reader is no longer imported"), notes.get(0));
        assertEquals("3", value("new Reader().q"));
        assertEquals("5", value("x"));
        assertEquals("2", value("1+1"));
        assertEquals("\"ok\"", value("((Function<String, String>) s -> s).apply(\"ok\")"));
        assertEquals("true", value("new java.io.StringReader(\"a\") instanceof java.io.Reader"));
    }

    @Test
    void recordsInterfacesAndEnumsCountAndNestedOrUnrelatedNamesDoNot() throws CellError {
        value("import java.util.Timer;");
        value("import java.util.concurrent.Future;");
        assertEquals(List.of(), check("class Outer { class Timer {} }"));
        assertEquals(List.of(), check("String s = \"class Timer\";"));
        assertEquals(1, check("record Future(int v) {}").size());
        jshell.eval("record Future(int v) {}");
        assertEquals("7", value("new Future(7).v()"));
        assertEquals(1, check("enum Timer { A }").size());
        jshell.eval("enum Timer { A }");
        assertEquals("A", value("Timer.A"));
    }

    @Test
    void importingTheNameOfAUserClassIsRefusedWithWhatToDo() throws CellError {
        value("class Stream { int q = 4; }");
        CellError e = assertThrows(CellError.class, () -> check("import java.util.stream.Stream;"));
        assertTrue(e.evalue().contains("java.util.stream.Stream in full"), e.evalue());
        assertEquals("4", value("new Stream().q"));
        // star imports and other names are fine
        value("import java.util.stream.*;");
        value("import java.util.stream.Collectors;");
        assertEquals("4", value("new Stream().q"));
    }
}
