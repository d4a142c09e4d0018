package io.juxta.kernel.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.kernel.api.CellError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The start-up code's imports, noted rather than compiled while the session starts, in a real session. */
class StartupImportsTest {
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private JavaSession session;

    @BeforeEach
    void start() {
        session = TestSessions.open(errBytes);
        session.collectStartupImports();
    }

    @AfterEach
    void stop() {
        session.jshell().close();
    }

    private long snippets() {
        return session.jshell().snippets().count();
    }

    @Test
    void importsAreNotedWithoutACompileListedAndDeferredWithTheStaticOnesGivenAtOnce() throws CellError {
        long before = snippets();
        assertEquals(JavaSession.NO_VALUE, session.eval("import java.util.concurrent.*; import java.io.Reader;\n"
                + "import static io.juxta.kernel.worker.DeferredImportsTest.Helpers.*;"));
        assertEquals(before, snippets(), "JShell was given a noted import");
        assertEquals(List.of("import java.util.*;", "import java.util.concurrent.*;", "import java.io.Reader;",
                "import static io.juxta.kernel.worker.DeferredImportsTest.Helpers.*;"), session.imports(),
                "an extension's start-up hook reads the imports so far");

        session.deferStartupImports();
        assertEquals(List.of("import static io.juxta.kernel.worker.DeferredImportsTest.Helpers.*;"),
                session.jshell().imports().filter(i -> session.jshell().status(i).isActive()).map(i -> i.source().strip()).toList(),
                "only the static import is an ordinary one");
        assertEquals("HI", session.eval("shout(\"hi\")"));
        assertEquals(0, session.eval("new ConcurrentLinkedQueue<Reader>().size()"));
        assertEquals("", errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void codeThatIsNotOnlyImportsRunsAfterTheImportsNotedBeforeIt() throws CellError {
        session.eval("import java.util.concurrent.*;");
        assertEquals(0, session.eval("import java.io.Reader; var queue = new ConcurrentLinkedQueue<Reader>(); queue.size()"));
        assertTrue(session.jshell().imports().anyMatch(i -> i.source().contains("java.util.concurrent.*")),
                "the noted import was not given before the code that needs it");
        session.eval("import java.nio.file.*;"); // no longer noted: given at once
        assertTrue(session.jshell().imports().anyMatch(i -> i.source().contains("java.nio.file.*")));
        session.deferStartupImports(); // a session that ran code keeps its imports as they are
        assertEquals(1, session.eval("queue.add(null == Paths.get(\"x\") ? null : new java.io.StringReader(\"\")); queue.size()"));
    }

    @Test
    void aLaterSingleTypeImportOfTheSameNameReplacesTheEarlierAsInJShell() throws CellError {
        session.eval("import java.awt.List; import java.util.concurrent.*;");
        session.eval("import java.util.List;");
        session.deferStartupImports();
        assertEquals(List.of("import java.util.*;", "import java.util.concurrent.*;", "import java.util.List;"), session.imports());
        assertEquals("java.util.List", session.eval("List.class.getName()"));
    }

    @Test
    void aNotedSingleTypeImportOfNoClassIsSaidAtStartAndLeftOut() throws CellError {
        session.eval("import no.such.Thing; import java.util.concurrent.ConcurrentLinkedQueue; import java.util.Map.Entry;");
        session.deferStartupImports();
        String said = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("import no.such.Thing; names no class"), said);
        assertTrue(!said.contains("Entry"), "a nested class was taken for a missing one: " + said);
        assertEquals(List.of("import java.util.*;", "import java.util.concurrent.ConcurrentLinkedQueue;",
                "import java.util.Map.Entry;"), session.imports());
        assertEquals(0, session.eval("new ConcurrentLinkedQueue<String>().size()"));
        assertEquals("k", session.eval("Entry<String, Integer> e = Map.entry(\"k\", 1); e.getKey()"));
    }

    @Test
    void aNotedImportThatCannotBeGivenIsSaidAndTheOthersStillWork() throws CellError {
        session.eval("import static no.such.Thing.*; import java.util.concurrent.*;");
        session.deferStartupImports();
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("startup code failed"), errBytes.toString(StandardCharsets.UTF_8));
        assertEquals(0, session.eval("new ConcurrentLinkedQueue<String>().size()"));
    }
}
