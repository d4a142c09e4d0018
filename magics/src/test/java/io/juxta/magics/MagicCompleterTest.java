package io.juxta.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.kernel.api.Completer.Completion;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class MagicCompleterTest {
    private static final MagicsHarness MAGICS = new MagicsHarness();
    private static final MagicCompleter COMPLETER = new MagicCompleter(MAGICS.registry);

    @AfterAll
    static void close() {
        MAGICS.close();
    }

    private static Completion at(String code) {
        return COMPLETER.complete(code, code.length());
    }

    @Test
    void lineMagicNamesAfterOnePercent() {
        assertEquals(new Completion(0, 3, List.of("%who", "%whos")), at("%wh"));
        assertEquals(new Completion(7, 10, List.of("%maven")), at("int x;\n%ma"));
    }

    @Test
    void inspectOnAMagicsNameGivesItsHelp() {
        String help = MAGICS.registry.find("timeit").orElseThrow().spec().help();
        assertEquals(help, COMPLETER.inspect("%timeit -n 5 x++", 3));
        assertEquals(help, COMPLETER.inspect("int x = 0;\n%timeit x++", 18), "at the end of the name");
        assertEquals(help, COMPLETER.inspect("%%timeit\nx++", 1));
        assertEquals(null, COMPLETER.inspect("%timeit x++", 10), "on the code, Java's documentation answers");
        assertEquals(null, COMPLETER.inspect("%nosuchmagic", 3));
        assertEquals(null, COMPLETER.inspect("int x = 1;\n%%timeit", 13), "%% below the first line is no cell magic");
    }

    @Test
    void cellMagicNamesOnlyOnTheFirstLine() {
        assertEquals(new Completion(0, 4, List.of("%%html")), at("%%ht"));
        assertTrue(at("x;\n%%ht").isEmpty());
        assertTrue(at("%%wh").isEmpty(), "who is a line magic only");
    }

    @Test
    void optionsOfTheMagicOnTheLine() {
        assertEquals(new Completion(12, 15, List.of("--append")), at("%%writefile --a"));
        assertEquals(new Completion(7, 9, List.of("--allow-conflicts", "--offline", "--repo")), at("%maven --"));
    }

    @Test
    void nothingForPlainJava() {
        assertTrue(at("int x = 5 %").isEmpty());
        assertTrue(at("String s").isEmpty());
        assertTrue(at("%nosuchmagic --x").isEmpty());
    }

    @Test
    void theCursorNeedNotBeAtTheEnd() {
        String code = "%ti\nint x = 1;";
        assertEquals(new Completion(0, 3, List.of("%time", "%timeit")), COMPLETER.complete(code, 3));
    }

    @Test
    void filePathsWhereAMagicTakesOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir.resolve("scripts"));
        java.nio.file.Files.writeString(dir.resolve("setup.jsh"), "");
        java.nio.file.Files.writeString(dir.resolve("data.csv"), "");
        String code = "%load " + dir + "/s";
        assertEquals(new Completion(6, code.length(), List.of(dir + "/scripts/", dir + "/setup.jsh")), at(code));
        assertTrue(at("%env " + dir + "/s").isEmpty(), "%env takes no path");
    }
}
