package io.juxta.magics.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.kernel.api.CellError;
import io.juxta.kernel.api.MimeBundle;
import io.juxta.kernel.api.Session;
import io.juxta.magics.MagicsHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputMagicsTest {
    private final MagicsHarness magics = new MagicsHarness();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        magics.close();
    }

    @Test
    void displayMagicsShowTheBodyWithTheirMimeType() throws CellError {
        assertSame(Session.NO_VALUE, magics.run("%%html\n<b>bold</b>"));
        magics.run("%%markdown\n# Title");
        magics.run("%%latex\n$$x^2$$");
        magics.run("%%svg\n<svg width=\"1\" height=\"1\"></svg>");
        magics.run("%%javascript\nconsole.log(1)");
        List<MimeBundle> shown = magics.session.displays;
        assertEquals("<b>bold</b>", shown.get(0).get("text/html"));
        assertEquals("# Title", shown.get(1).get("text/markdown"));
        assertEquals("$$x^2$$", shown.get(2).get("text/latex"));
        assertEquals("<svg width=\"1\" height=\"1\"></svg>", shown.get(3).get("image/svg+xml"));
        assertEquals("console.log(1)", shown.get(4).get("application/javascript"));
        shown.forEach(bundle -> assertTrue(bundle.has("text/plain")));
    }

    @Test
    void svgWithoutAnSvgElementIsAUsageError() {
        assertEquals("%%svg: the cell holds no <svg> element", magics.fails("%%svg\n<div/>").evalue());
    }

    @Test
    void writefileWritesOverwritesAndAppends() throws CellError, IOException {
        Path file = dir.resolve("notes.txt");
        magics.run("%%writefile " + file + "\nfirst");
        magics.run("%%writefile " + file + "\nsecond");
        magics.run("%%writefile -a " + file + "\nthird\n");
        assertEquals("second\nthird\n", Files.readString(file));
        assertEquals("Writing " + file + "\nOverwriting " + file + "\nAppending to " + file + "\n", magics.session.stdout());
        assertEquals("%%writefile: " + dir + " is a directory; give a file name", magics.fails("%%writefile " + dir + "\nx").evalue());
        Path nowhere = dir.resolve("missing/f.txt");
        assertEquals("could not write " + nowhere + ": the folder " + nowhere.getParent() + " does not exist (create it first, e.g."
                + " !mkdir -p " + nowhere.getParent() + ")", magics.fails("%%writefile " + nowhere + "\nx").evalue());
    }

    @Test
    void captureStoresStreamsAndDisplaysInAVariable() throws CellError {
        Object value = magics.run("%%capture cap\nSystem.out.println(\"to stdout\");\nSystem.err.println(\"to stderr\");\n21 * 2");
        assertSame(Session.NO_VALUE, value);
        assertEquals("to stdout\n", magics.run("(String) cap.get(\"stdout\")"));
        assertEquals("to stderr\n", magics.run("(String) cap.get(\"stderr\")"));
        assertTrue(magics.session.stdout().isEmpty(), magics.session.stdout());
        assertTrue(magics.session.displays.isEmpty());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> outputs = (List<Map<String, Object>>) magics.run("cap.get(\"outputs\")");
        assertEquals("42", outputs.get(0).get("text/plain"));
    }

    @Test
    void captureAlsoTakesShellOutputAndMagicDisplays() throws CellError {
        magics.run("%%capture quiet\n!echo from-shell\n%env A=1\n%whos");
        assertEquals("from-shell\nenv: A=1\nInteractive namespace is empty.\n", magics.run("quiet.get(\"stdout\")"));
        assertTrue(magics.session.stdout().isEmpty());
    }

    @Test
    void captureRejectsANameThatIsNotAJavaVariable() {
        assertEquals("%%capture: 'class' is not a Java variable name", magics.fails("%%capture class\n1").evalue());
    }

    @Test
    void captureRecordsTheToolkitsProgressBars() throws CellError {
        io.juxta.toolkit.ToolkitSession.set(magics.session); // as the toolkit's extension does in a notebook
        try {
            magics.run("%%capture bar\n"
                    + "try (var p = io.juxta.toolkit.progress.Progress.builder().epochs(1).stepsPerEpoch(2).build()) {"
                    + " p.step(0.5); p.step(0.25); }");
            assertTrue(magics.session.displays.isEmpty(), () -> "shown instead of captured: " + magics.session.displays);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> outputs = (List<Map<String, Object>>) magics.run("bar.get(\"outputs\")");
            assertEquals(1, outputs.size(), outputs::toString);
            assertTrue(outputs.get(0).get("text/plain").toString().contains("epoch 1/1"), outputs::toString);
            assertSame(magics.session, io.juxta.toolkit.ToolkitSession.current().orElseThrow(), "restored after the cell");
        } finally {
            io.juxta.toolkit.ToolkitSession.set(null);
        }
    }
}
