package io.juxta.kernel.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.kernel.api.CellError;
import io.juxta.kernel.api.Session;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Java in a cell where the session does more than hand it to JShell: notes when a declaration cannot be used yet or
 * a redefinition cost a variable its value (and only then), {@code assert} checked, records with their own
 * constructors, completion that sees the cell's earlier lines.
 */
class CellJavaTest {
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
    void theStreamPrintfReturnsIsNoValue() throws CellError {
        assertSame(Session.NO_VALUE, session.eval("System.out.printf(\"%d%n\", 42);"));
        assertSame(Session.NO_VALUE, session.eval("System.err.format(\"%s%n\", \"to err\")"));
        assertEquals("x", session.eval("String.format(\"%s\", \"x\");"), "a trailing expression is still the value");
    }

    @Test
    void aPackageLineSaysToLeaveItOut() {
        CellError e = assertThrows(CellError.class, () -> session.eval("// the class from my project\npackage com.example.app;\n"
                + "class Greeter { }"));
        String shown = String.join("\n", e.traceback());
        assertTrue(shown.contains("illegal start of expression\nA cell cannot declare a package"), shown);
        assertTrue(shown.contains("leave the package line out"), shown);
        CellError other = assertThrows(CellError.class, () -> session.eval("int packaged = ;"));
        assertTrue(!String.join("\n", other.traceback()).contains("cannot declare a package"), "no hint where it does not apply");
    }

    @Test
    void aPreviewFeatureSaysWhatToDoInsteadOfEnablePreview() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() == 17, "patterns in switch are final from 21");
        CellError e = assertThrows(CellError.class, () -> session.eval(
                "Object o = 1;\nString kind = switch (o) { case Integer i -> \"int\"; default -> \"other\"; };"));
        String shown = String.join("\n", e.traceback());
        assertTrue(shown.contains("patterns in switch statements are a preview feature"), shown);
        assertTrue(!shown.contains("--enable-preview"), shown);
        assertTrue(shown.contains("The kernel runs on Java 17, where this is a preview feature"), shown);
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
    void editingAndRunningAClassAndItsVariableAgainSaysNothing() throws CellError {
        session.eval("class Q { int x = 1; }\nQ q = new Q();");
        session.eval("class Q { int x = 2; }\nQ q = new Q();");
        assertEquals("", notes(), "the cell declares q again itself");
        assertEquals(2, session.eval("q.x"));
        session.eval("class Q { int x = 3; }\nq = new Q();");
        assertEquals("", notes(), "the cell assigns q again itself");
        session.eval("class Q { int x = 4; }");
        assertEquals("Note: variable q was reset to null, because type Q was redefined.", notes().strip());
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

    @Test
    void callingADeclarationStillWaitingNamesWhatItWaitsFor() throws CellError {
        session.eval("int f(int x) { return g(x) * 2; }");
        notes();
        CellError e = assertThrows(CellError.class, () -> session.eval("f(3)"));
        assertEquals("UnresolvedReference", e.ename());
        assertEquals("method f cannot be used until method g(int) is defined: define it in a cell, then run again", e.evalue());
        session.eval("int g(int x) { return x + 1; }");
        assertEquals(8, session.eval("f(3)"));
    }

    @Test
    void aFailingAssertStopsTheCellWithItsMessage() throws CellError {
        CellError e = assertThrows(CellError.class, () -> session.eval("int answer = 41;\nassert answer == 42 : \"expected 42, got \" + answer;"));
        assertEquals("java.lang.AssertionError", e.ename());
        assertEquals("expected 42, got 41", e.evalue());
        assertTrue(String.join("\n", e.traceback()).contains("line 2"), () -> String.join("\n", e.traceback()));
    }

    @Test
    void aLibrarysAssertsStayAsTheJvmRunsThemEvenOnTheCellsClassPath(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path source = dir.resolve("lib/Lib.java");
        java.nio.file.Files.createDirectories(source.getParent());
        java.nio.file.Files.writeString(source, "package lib; public class Lib { public static String go() { assert false : \"on\"; return \"unchecked\"; } }");
        assertEquals(0, javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), source.toString()));
        session.addToClasspath(dir.toString());
        assertEquals("unchecked", session.eval("lib.Lib.go()"), "%classpath's classes share the cells' loader");
        assertThrows(CellError.class, () -> session.eval("assert false;"), "the cells' own asserts are still on");
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
    void runningSuchARecordsCellAgainKeepsTheRecordAndWhatUsesIt() throws CellError {
        String cell = "record Range(int lo, int hi) { Range { if (lo > hi) throw new IllegalArgumentException(\"lo > hi\"); } }";
        session.eval(cell);
        session.eval("var r = new Range(1, 2);");
        session.eval(cell);
        assertEquals("Range[lo=1, hi=2]", String.valueOf(session.eval("r")));
        assertEquals("Range[lo=3, hi=4]", String.valueOf(session.eval("new Range(3, 4)")));
        assertEquals("", notes());
    }

    @Test
    void onlyTheSnippetsOwnRecordsBareConstructorsAreTouched() {
        String two = "record P(int x) { P(String s) { this(s.length()); } }";
        assertEquals(List.of(two.indexOf("P(String")), RecordConstructors.bare(two), "another constructor, made public too: harmless");
        assertEquals(List.of(), RecordConstructors.bare("record P(int x) { }"), "nothing javac adds by itself");
        assertEquals(List.of(), RecordConstructors.bare("class Outer { record In(int a) { In { } } }"), "a nested record is not public");
        assertEquals(List.of(), RecordConstructors.bare("String record = \"P { }\";"));
        assertEquals(List.of(), RecordConstructors.bare("int n = 1; // record it\nrecord Q(int a) { Q { } }"), "not a record snippet");
        String annotated = "/** A point. */\n@SuppressWarnings(\"x\") public record P(int x) {\n    @Deprecated P { }\n}";
        assertEquals(List.of(annotated.indexOf("@Deprecated")), RecordConstructors.bare(annotated));
    }

    @Test
    void aCanonicalConstructorWithTheTypesSpelledOtherwiseCompiles() throws CellError {
        assertEquals("C[xs=[a]]", String.valueOf(session.eval(
                "record C(java.util.List<String> xs) { C(List<String> xs) { this.xs = List.copyOf(xs); } }\nnew C(List.of(\"a\"))")));
    }

    @Test
    void aConstructorThatIsPrivateKeepsJavacsOwnError() {
        CellError e = assertThrows(CellError.class, () -> session.eval("record S(int v) { private S { } }"));
        assertTrue(e.evalue().contains("invalid canonical constructor"), e.evalue());
    }

    @Test
    void completionSeesTheVariablesOfEarlierLinesOfTheSameCellWithoutRunningThem() {
        String code = "import java.time.*;\nint twice(int v) { return 2 * v; }\nString t = \"a\";\nSystem.out.println(t);\n"
                + "int[] brr = new int[3];\nt.toUp";
        com.google.gson.JsonObject reply = session.complete(code, code.length());
        assertTrue(reply.getAsJsonArray("matches").toString().contains("\"toUpperCase(\""), reply.toString());
        assertEquals(code.length() - "toUp".length(), reply.get("cursor_start").getAsInt());
        String arrays = "int[] brr = new int[3];\nbrr.le";
        assertTrue(session.complete(arrays, arrays.length()).getAsJsonArray("matches").toString().contains("\"length\""));
        assertThrows(CellError.class, () -> session.eval("t"), "completing runs nothing");
        assertEquals("", notes());
    }
}
