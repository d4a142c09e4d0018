package io.juxta.kernel.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CompiledClassSweeperTest {
    private JShell jshell;
    private CompiledClassSweeper sweeper;

    @BeforeEach
    void start() {
        jshell = JShell.builder().executionEngine("local").build();
        sweeper = new CompiledClassSweeper(jshell);
    }

    @AfterEach
    void stop() {
        jshell.close();
    }

    private String value(String code) {
        return Snippets.value(jshell, code);
    }

    @Test
    void classesOfStatementsExpressionsAndReplacedSnippetsGoAndDeclarationsStillWork() {
        value("int counter = 3;");
        value("int twice(int n) { return 2 * n; }");
        value("class Point { int x; Point(int x) { this.x = x; } static class Inner { int y = 7; } }");
        value("import java.util.concurrent.atomic.*;");
        int before = sweeper.classCount();
        for (int i = 0; i < 40; i++) {
            value("System.out.print(\"\");");
            jshell.drop(jshell.eval(i + " * 2").get(0).snippet()); // as the session does once it has shown the value
            value("int sized() { return " + i + "; }");
            jshell.eval("notDefined" + i + "()");
        }
        assertTrue(sweeper.classCount() >= before + 120, "JShell keeps a class per snippet: " + sweeper.classCount());

        int removed = sweeper.sweep();

        assertTrue(removed >= 110, "40 statements, 40 expressions, 39 replaced methods; removed " + removed);
        // counter, twice, Point (+ Inner), the import and the last sized(): a handful, not one per snippet
        assertTrue(sweeper.classCount() <= before + 2, "left " + sweeper.classCount());
        // an expression's $N that is still alive stays usable: JShell imports it into later snippets
        String kept = ((jdk.jshell.VarSnippet) jshell.eval("counter * 4").get(0).snippet()).name();
        sweeper.sweep();
        assertEquals("12", value(kept));
        assertEquals("21", value("new Point(counter).x + twice(counter) + new Point.Inner().y + sized() - 39 + 5"));
        assertEquals("1", value("new AtomicInteger(1).get()"));
        // a redefinition that recompiles dependents still compiles against what is left
        value("int counter = 10;");
        assertEquals("20", value("twice(counter)"));
        sweeper.sweep();
        assertEquals("20", value("twice(counter)"));
    }

    @Test
    void nestedClassFilesBelongToTheirWrapper() {
        assertEquals("REPL.$JShell$12", CompiledClassSweeper.outerClass("REPL.$JShell$12$Point"));
        assertEquals("REPL.$JShell$12B", CompiledClassSweeper.outerClass("REPL.$JShell$12B"));
    }
}
