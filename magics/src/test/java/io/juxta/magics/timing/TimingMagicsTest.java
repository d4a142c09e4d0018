package io.juxta.magics.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.kernel.api.CellError;
import io.juxta.kernel.api.Session;
import io.juxta.magics.MagicsHarness;
import io.juxta.toolkit.timing.TimingResult;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimingMagicsTest {
    private static final String SUMMARY = "\\S+ \\S+ ± \\S+ \\S+ per loop \\(mean ± std\\. dev\\. of %d runs?, %s loops? each\\)";
    private final MagicsHarness magics = new MagicsHarness();

    @AfterEach
    void close() {
        magics.close();
    }

    @Test
    void timePrintsCpuAndWallTimeAndKeepsTheValue() throws CellError {
        assertEquals(42, magics.run("%time 6 * 7"));
        assertTrue(magics.session.stdout().matches("CPU times: user .+, sys: .+, total: .+\nWall time: .+ (s|ms|µs|ns)\n"),
                magics.session.stdout());
    }

    @Test
    void timeReportsTheRunAndTheCompileApartAsIPythonDoes() {
        ProcessCpuClock.Reading before = new ProcessCpuClock.Reading(1_000_000_000L, 100_000_000L);
        ProcessCpuClock.Reading after = new ProcessCpuClock.Reading(1_200_000_000L, 110_000_000L);
        assertEquals("CPU times: user 30 ms, sys: 10 ms, total: 40 ms\nWall time: 50 ms\nCompiler time: 10 ms\n",
                TimingMagics.report(before, after, 60_000_000L, new Session.RunTime(50_000_000L, 40_000_000L, 10_000_000L)));
        assertEquals("CPU times: total: 40 ms\nWall time: 50 ms\nCompiler time: 10 ms\n", TimingMagics.report(
                new ProcessCpuClock.Reading(0, -1), new ProcessCpuClock.Reading(0, -1), 900_000_000L, new Session.RunTime(50_000_000L, 40_000_000L, 10_000_000L)),
                "without the system split; what else the cell did (a shell line's 840 ms) is in neither");
    }

    @Test
    void timeCellRunsTheBodyLikeACell() throws CellError {
        Object value = magics.run("%%time\nint a = 2;\n%env T=1\na + 1");
        assertEquals(3, value);
        assertTrue(magics.session.stdout().startsWith("env: T=1\nCPU times: "), magics.session.stdout());
    }

    @Test
    void timeitRunsExactlyTheGivenLoopsAndRunsAndPrintsIPythonsLine() throws CellError {
        magics.session.eval("int counter = 0;");
        assertSame(Session.NO_VALUE, magics.run("%timeit -n 3 -r 2 counter++"));
        assertEquals(0, magics.session.jshell().variables().filter(v -> v.name().startsWith("$")
                && magics.session.jshell().status(v).isActive()).count(), "the timed lambda is dropped afterwards");
        assertEquals(6, magics.session.eval("counter"));
        assertTrue(summaryLine(String.format(SUMMARY, 2, "3")), magics.session.stdout());
    }

    private boolean summaryLine(String regex) {
        return magics.session.stdout().lines().anyMatch(line -> line.matches(regex));
    }

    @Test
    void timeitOutputOptionReturnsTheResultObject() throws CellError {
        Object value = magics.run("%timeit -o -q -n 4 -r 3 Math.sqrt(2.0)");
        TimingResult result = assertInstanceOf(TimingResult.class, value);
        assertEquals(4, result.loops());
        assertEquals(3, result.repeat());
        assertTrue(result.compileTime() > 0, "the compile time of the lambda is recorded");
        assertEquals("", magics.session.stdout());
    }

    @Test
    void timeitWithoutNumberCalibratesToAtLeastATenthOfASecondPerRun() throws CellError {
        TimingResult result = (TimingResult) magics.run("%timeit -o -q -r 1 new StringBuilder(\"ab\").reverse().toString()");
        assertTrue(result.loops() >= 1000, "a sub-microsecond statement needs many loops: " + result.loops());
        assertTrue(result.allRuns()[0] > 0);
    }

    @Test
    void timeitCellUsesTheFirstLineAsUntimedSetup() throws CellError {
        magics.run("%%timeit -n 2 -r 2 int[] data = {5, 3, 1}; int setups = 0; setups++;\nint[] copy = data.clone();\njava.util.Arrays.sort(copy);\ncopy[0]");
        assertEquals(1, magics.session.eval("setups"));
        // a void call on a variable of the timed code itself compiles through the statement form
        magics.run("%%timeit -n 1 -r 1\nint[] local = {2, 1};\njava.util.Arrays.sort(local)");
        assertTrue(summaryLine(String.format(SUMMARY, 2, "2")), magics.session.stdout());
    }

    @Test
    void timeitErrorsAreUsageErrorsOrTheUsersException() {
        assertEquals("%timeit: -n must be at least 1, not 0", magics.fails("%timeit -n 0 1+1").evalue());
        assertEquals("%timeit: nothing to time: give a statement", magics.fails("%timeit -n 2").evalue());
        assertTrue(magics.fails("%%timeit\nvoid helper() {}").evalue().startsWith(
                "%%timeit: %timeit times statements and expressions; declare imports, methods and classes in an earlier cell"));
        CellError thrown = magics.fails("%timeit -n 1 -r 1 Integer.parseInt(\"x\")");
        assertEquals("java.lang.NumberFormatException", thrown.ename(), "named as a cell's error names it");
        assertEquals("For input string: \"x\"", thrown.evalue());
    }

    @Test
    void theLambdaReturnsTheLastExpressionAndKeepsStatements() throws CellError {
        magics.session.eval("int base = 1;");
        String head = "(java.util.concurrent.Callable<Object>) () -> {\nif (true) {\n";
        String tail = "}\nreturn null;\n}";
        assertEquals(List.of(head + "int x = base + 1;\n{ Object $timed = (base * 2); }\nreturn (base + 3);\n" + tail),
                TimedLambda.sources("int x = base + 1;\nbase * 2;\nbase + 3", magics.session.jshell()));
        assertEquals(List.of(head + "System.out.print(\"\");\n" + tail),
                TimedLambda.sources("System.out.print(\"\")", magics.session.jshell()));
        // x is declared in the timed code, so JShell cannot classify "x * 2": try it as a value, then as a statement
        assertEquals(List.of(head + "int x = 2;\nreturn (x * 2);\n" + tail, head + "int x = 2;\nx * 2;\n" + tail),
                TimedLambda.sources("int x = 2; x * 2", magics.session.jshell()));
    }

    @Test
    void codeThatThrowsIsTimedAndCompileErrorsShowTheUsersCode() {
        CellError thrown = magics.fails("%timeit -n 1 -r 1 throw new IllegalStateException(\"boom\")");
        assertEquals("java.lang.IllegalStateException", thrown.ename());
        assertEquals("boom", thrown.evalue());
        CellError unknown = magics.fails("%timeit -n 1 -r 1 nosuchvar + 1");
        assertEquals(CellError.COMPILATION_ERROR, unknown.ename());
        assertTrue(unknown.evalue().startsWith("cannot find symbol"), unknown.evalue());
        assertEquals(List.of("\u001b[0;31mCompile error\u001b[0m in the code to time:", "    nosuchvar + 1"),
                unknown.traceback().subList(0, 2));
        assertTrue(magics.fails("%timeit -p 40 1+1").evalue().contains("-p takes 1 to 17 significant digits"));
    }

    @Test
    void processCpuClockReadsTheProcess() {
        ProcessCpuClock.Reading reading = new ProcessCpuClock().read();
        assertTrue(reading.total() > 0, "this JVM has used CPU time");
    }
}
