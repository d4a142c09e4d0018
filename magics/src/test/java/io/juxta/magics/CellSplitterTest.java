package io.juxta.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.juxta.magics.CellSplitter.CellMagic;
import io.juxta.magics.CellSplitter.JavaCode;
import io.juxta.magics.CellSplitter.LineMagic;
import io.juxta.magics.CellSplitter.MisplacedCellMagic;
import io.juxta.magics.CellSplitter.ShellLine;
import java.util.List;
import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CellSplitterTest {
    private static JShell jshell;
    private static CellSplitter splitter;

    @BeforeAll
    static void start() {
        jshell = JShell.builder().executionEngine("local").build();
        splitter = new CellSplitter(new JShellCompleteness(jshell));
    }

    @AfterAll
    static void stop() {
        jshell.close();
    }

    @Test
    void aCellMagicTakesTheWholeCell() {
        assertEquals(List.of(new CellMagic("timeit", "-n 5 int[] a = new int[9];", "java.util.Arrays.sort(a);\n%who", false)),
                splitter.split("%%timeit -n 5 int[] a = new int[9];\njava.util.Arrays.sort(a);\n%who"));
        assertEquals(List.of(new CellMagic("html", "", "", false)), splitter.split("%%html"));
        assertEquals(List.of(new CellMagic("time", "", "x", true)), splitter.split("%%time?\nx"));
    }

    @Test
    void lineMagicsAndShellLinesSplitTheJavaAroundThem() {
        String cell = "int x = 1;\n%maven a:b:1\n  !echo hi\nx + 1";
        assertEquals(List.of(new JavaCode("int x = 1;", 1), new LineMagic("maven", "a:b:1", false, 2),
                new ShellLine("echo hi", 3), new JavaCode("x + 1", 4)), splitter.split(cell));
    }

    @Test
    void aLoneBangIsAShellLineWithoutACommand() {
        assertEquals(List.of(new JavaCode("int x = 1;", 1), new ShellLine("", 2)), splitter.split("int x = 1;\n  !   "));
    }

    @Test
    void helpSuffix() {
        assertEquals(List.of(new LineMagic("timeit", "", true, 1)), splitter.split("%timeit?"));
    }

    @Test
    void aBangOrPercentThatContinuesUnfinishedJavaIsJava() {
        String negation = "boolean done = false;\nboolean b =\n  !done;";
        assertEquals(List.of(new JavaCode(negation, 1)), splitter.split(negation));
        String modulo = "int r = 10\n%3;";
        assertEquals(List.of(new JavaCode(modulo, 1)), splitter.split(modulo));
    }

    @Test
    void magicLookalikesInsideTextBlocksAndCommentsAreJava() {
        String textBlock = "String s = \"\"\"\n%time x\n!rm -rf /\n\"\"\";";
        assertEquals(List.of(new JavaCode(textBlock, 1)), splitter.split(textBlock));
        String comment = "/* usage:\n%maven a:b:1\n*/\nint y = 2;";
        assertEquals(List.of(new JavaCode(comment, 1)), splitter.split(comment));
    }

    @Test
    void aCellMagicBelowTheFirstLineIsReportedWhereItIs() {
        assertEquals(List.of(new JavaCode("int x = 1;", 1), new MisplacedCellMagic("time", 2), new JavaCode("x", 3)),
                splitter.split("int x = 1;\n%%time\nx"));
    }

    @Test
    void notEqualsAndBareBangsAreNotShellLines() {
        assertEquals(List.of(new JavaCode("!= 3", 1)), new CellSplitter(java -> false).split("!= 3"));
    }

    @Test
    void blankLinesBetweenPiecesAreDropped() {
        assertEquals(List.of(new LineMagic("who", "", false, 2), new JavaCode("1", 4)), splitter.split("\n%who\n\n1\n"));
    }
}
