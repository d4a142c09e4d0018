package io.juxta.magics.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.kernel.api.CellError;
import io.juxta.kernel.api.MimeBundle;
import io.juxta.magics.MagicsHarness;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionMagicsTest {
    private final MagicsHarness magics = new MagicsHarness();

    @AfterEach
    void close() {
        magics.close();
    }

    @Test
    void whoListsVariableNamesSortedAndFiltersByType() throws CellError {
        magics.session.eval("int b = 1; String a = \"x\"; int c = 3;");
        magics.run("%who");
        assertEquals("a\tb\tc\n", magics.session.stdout());
        magics.run("%who String");
        assertTrue(magics.session.stdout().endsWith("a\n"), magics.session.stdout());
    }

    @Test
    void whoOnAnEmptySession() throws CellError {
        magics.run("%who");
        assertEquals("Interactive namespace is empty.\n", magics.session.stdout());
    }

    @Test
    void whosShowsATableWithTypeAndPreview() throws CellError {
        magics.session.eval("var list = java.util.List.of(1, 2, 3); double pi = 3.14; String big = \"x\".repeat(200);");
        magics.run("%whos");
        MimeBundle table = magics.session.displays.get(0);
        String text = (String) table.get("text/plain");
        String[] lines = text.split("\n");
        assertTrue(lines[0].startsWith("Variable") && lines[0].contains("Type") && lines[0].contains("Data/Info"), text);
        assertTrue(lines[2].matches("big\\s+String\\s+\"x{58}…"), lines[2]);
        assertTrue(lines[3].matches("list\\s+java\\.util\\.List<Integer>\\s+\\[1, 2, 3]"), lines[3]);
        assertTrue(lines[4].matches("pi\\s+double\\s+3\\.14"), lines[4]);
        assertTrue(((String) table.get("text/html")).contains("<td><code>java.util.List&lt;Integer&gt;</code></td>"));
    }

    @Test
    void aVariableThatCanNoLongerBeUsedSaysWhyInWhosAndHelp() throws CellError {
        for (String declaration : List.of("record Pt(int x) {}", "var pt = new Pt(1);",
                "record Pt(int x, int y) {}", // pt's initializer no longer compiles
                "Later later;")) { // a class not defined yet
            magics.session.jshell().eval(declaration);
        }
        magics.run("%whos");
        String text = (String) magics.session.displays.get(0).get("text/plain");
        assertTrue(text.contains("<cannot be used until class Later is defined>"), text);
        assertTrue(text.contains("<cannot be used: run its declaration again>"), text);
        magics.run("pt?");
        assertEquals("Type:  Pt\nValue: (cannot be used: run its declaration again)\n",
                magics.session.stdout());
    }

    @Test
    void resetAsksAndDropsDefinitionsButKeepsImports() throws CellError {
        magics.session.eval("import java.util.function.*;");
        magics.session.eval("int x = 1; void f() {} class K {}");
        magics.session.answers.add("n");
        magics.run("%reset");
        assertTrue(magics.session.stdout().endsWith("Nothing done.\n"));
        assertEquals(1, magics.session.jshell().variables().count());

        magics.run("%reset -f");
        assertTrue(magics.session.stdout().endsWith("Dropped 3 definitions.\n"), magics.session.stdout());
        assertEquals(0, magics.session.jshell().variables().filter(v -> magics.session.jshell().status(v).isActive()).count());
        assertEquals(1, magics.session.jshell().imports().filter(i -> magics.session.jshell().status(i).isActive()).count());
    }

    @Test
    void resetWithoutInputSaysToUseTheForceFlag() throws CellError {
        magics.session.eval("int x = 1;");
        magics.session.acceptsInput = false; // a notebook run headless by nbconvert
        CellError e = magics.fails("%reset");
        assertTrue(e.getMessage().contains("use %reset -f"), e.getMessage());
        assertFalse(e.getMessage().contains("pass the value in the cell"), e.getMessage());
        assertEquals(1, magics.session.jshell().variables().count());
    }

    @Test
    void resetKeepsWhatExistedBeforeTheFirstCell() throws CellError {
        magics.session.eval("String startupHelper() { return \"kept\"; }");
        magics.startup.captureOnce(magics.session.jshell());
        magics.session.eval("int mine = 1;");
        magics.run("%reset -f");
        assertTrue(magics.session.stdout().endsWith("Dropped 1 definition.\n"), magics.session.stdout());
        assertEquals("kept", magics.session.eval("startupHelper()"));
    }

    @Test
    void envSetsShowsAndRejects() throws CellError {
        magics.run("%env COLOR=blue");
        magics.run("%env SIZE \"very large\"");
        assertEquals("blue", magics.environment.get("COLOR"));
        assertEquals("very large", magics.run("%env SIZE"));
        assertTrue(magics.session.stdout().contains("env: SIZE=very large"));
        assertEquals("%env: environment variable NOPE_NOT_SET is not set", magics.fails("%env NOPE_NOT_SET").evalue());
        assertEquals("%env: '1BAD' is not a valid environment variable name", magics.fails("%env 1BAD=x").evalue());
        magics.run("%env");
        assertTrue(magics.session.stdout().contains("\nCOLOR=blue\n"));
    }

    @Test
    void importsListsTheSessionsImports() throws CellError {
        magics.session.eval("import java.util.List; import static java.lang.Math.*;");
        magics.run("%imports");
        assertEquals("import java.util.List;\nimport static java.lang.Math.*;\n", magics.session.stdout());
    }

    @Test
    void lsmagicGroupsByAreaInOrder() throws CellError {
        magics.run("%lsmagic");
        String listing = magics.session.stdout();
        int timing = listing.indexOf("Timing:");
        int deps = listing.indexOf("Dependencies:");
        int session = listing.indexOf("Session:");
        int output = listing.indexOf("Output:");
        int shell = listing.indexOf("Shell:");
        assertTrue(timing >= 0 && timing < deps && deps < session && session < output && output < shell, listing);
        assertTrue(listing.contains("  %time %%time "), listing);
        assertTrue(listing.contains("  %%html "), listing);
    }

    @Test
    void helpTakesANameWithOrWithoutPercent() throws CellError {
        magics.run("%help %%writefile");
        String first = magics.session.stdout();
        assertTrue(first.startsWith("%%writefile [-a] FILE"), first);
        magics.run("%help maven");
        assertTrue(magics.session.stdout().substring(first.length()).startsWith("%maven [--offline]"));
        assertEquals("%help: line magic %mavn not found. Did you mean %maven? Run %lsmagic to list the magics.", magics.fails("%help mavn").evalue());
        assertFalse(magics.session.stdout().contains("Exception"));
    }

    @Test
    void previewKeepsOneLine() {
        assertEquals("a b", SessionMagics.preview("a\nb"));
    }
}
