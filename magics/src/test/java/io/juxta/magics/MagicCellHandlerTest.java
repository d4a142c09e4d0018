package io.juxta.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.kernel.api.CellError;
import io.juxta.kernel.api.Session;
import io.juxta.magics.spec.MagicKind;
import io.juxta.magics.spec.MagicSpec;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MagicCellHandlerTest {
    private final MagicsHarness magics = new MagicsHarness();

    @AfterEach
    void close() {
        magics.close();
    }

    @Test
    void acceptsOnlyCellsThatMayHoldMagics() {
        assertTrue(magics.handler.accepts("int x;\n  %who"));
        assertTrue(magics.handler.accepts("!ls"));
        assertFalse(magics.handler.accepts("int x = 5 % 3;\nString s = \"%d\";"));
    }

    @Test
    void javaAndMagicsRunInOrderAndTheLastPieceGivesTheValue() throws CellError {
        Object value = magics.run("int x = 20;\n%env GREETING=hello\nx + 22");
        assertEquals(42, value);
        assertEquals(List.of("int x = 20;", "x + 22"), magics.session.evaluated);
        assertTrue(magics.session.stdout().contains("env: GREETING=hello"));
        assertEquals("hello", magics.run("%env GREETING"));
        assertSame(Session.NO_VALUE, magics.run("int y = 1;\n%who"));
    }

    @Test
    void unfinishedJavaWithABangRunsAsOneJavaCell() throws CellError {
        assertEquals(true, magics.run("boolean done = false;\nboolean b =\n  !done;\nb"));
    }

    @Test
    void unknownMagicSuggestsTheNearestNamesWithoutAStackTrace() {
        CellError error = magics.fails("%tiem 1+1");
        assertEquals("UsageError", error.ename());
        assertEquals("line magic %tiem not found. Did you mean %time? Run %lsmagic to list the magics.", error.evalue());
        assertTrue(error.traceback().stream().noneMatch(line -> line.contains("\tat ")));
    }

    @Test
    void aBadArgumentAnswersWithTheUsage() {
        CellError error = magics.fails("%%writefile --apend out.txt\nhello");
        assertEquals("%%writefile: unknown option --apend. Did you mean --append?", error.evalue());
        assertEquals(List.of("UsageError: %%writefile: unknown option --apend. Did you mean --append?", "", "Usage:",
                "  %%writefile [-a] FILE", "  <cell body>", "Run %help writefile for details."), error.traceback());
    }

    @Test
    void wrongFormIsExplained() {
        assertEquals("%%html is a cell magic: write %%html as the first line of the cell.", magics.fails("%html <b>x</b>").evalue());
        assertEquals("%maven is a line magic: write it as %maven on a line of its own, not %%maven.", magics.fails("%%maven a:b:1").evalue());
        assertEquals("%%time on line 2: a cell magic must be the first line of its cell. Move it to a new cell.",
                magics.fails("int x = 1;\n%%time\nx").evalue());
    }

    @Test
    void questionMarkShowsHelp() throws CellError {
        assertSame(Session.NO_VALUE, magics.run("%writefile?"));
        String help = magics.session.stdout();
        assertTrue(help.startsWith("%%writefile [-a] FILE\n<cell body>\n\nWrite the cell body to a file."), help);
        assertTrue(help.contains("-a, --append"), help);
    }

    @Test
    void aFailingMagicIsReportedWithoutItsStackTrace() {
        magics.registry.register(Magic.of(MagicSpec.builder("broken").summary("always fails").build(), call -> {
            throw new IllegalStateException("the widget is missing", new java.io.IOException("disk full"));
        }));
        CellError error = magics.fails("%broken");
        assertEquals("MagicError", error.ename());
        assertEquals("%broken failed: the widget is missing: disk full", error.evalue());
    }

    @Test
    void anotherModuleCanAddMagicsWithTheSameDeclaration() throws CellError {
        magics.registry.register(Magic.of(MagicSpec.builder("precision").kind(MagicKind.LINE).area("Framework")
                .summary("Pick a float precision.").positional("name", io.juxta.magics.spec.ArgType.STRING, true, "fp32 or bf16").build(),
                call -> "precision " + call.args().positional("name")));
        assertEquals("precision fp32", magics.run("%precision fp32"));
        String listing = magics.registry.listing();
        assertTrue(listing.startsWith("Framework:\n") && listing.contains("\n  %precision "), listing);
        assertTrue(listing.indexOf("%precision") < listing.indexOf("Timing:"), listing);
        assertEquals("%precision: missing argument NAME", magics.fails("%precision").evalue());
    }

    @Test
    void aBangWithoutACommandSaysSo() {
        CellError error = magics.fails("int x = 1;\n!");
        assertEquals("UsageError", error.ename());
        assertEquals("'!' on line 2 has no command after it: write the shell command on the same line, e.g. !ls -l", error.evalue());
    }

    @Test
    void javaErrorsInsideAMagicCellPassThroughUnchanged() {
        CellError error = magics.fails("%env A=1\nint z = \"text\";");
        assertEquals(CellError.COMPILATION_ERROR, error.ename());
    }
}
