package io.juxta.kernel.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.kernel.api.CellError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The session's default imports, deferred to each name's first use, in a real session. */
public class DeferredImportsTest {
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private JavaSession session;

    @BeforeEach
    void start() throws CellError {
        session = TestSessions.open(errBytes);
        session.eval("import java.util.function.*; import java.util.concurrent.*; import java.io.Reader; import java.io.*; import java.nio.file.*;"
                + " import static io.juxta.kernel.worker.DeferredImportsTest.Helpers.*; import io.juxta.kernel.worker.shadow.*;");
        session.deferStartupImports();
    }

    @AfterEach
    void stop() {
        session.jshell().close();
    }

    /** A static wildcard's members, as the kernel's Notebook gives them. */
    public static final class Helpers {
        public static String shout(String s) { return s.toUpperCase(); }
    }

    private long jshellImports() {
        return session.jshell().imports().filter(i -> session.jshell().status(i).isActive()).count();
    }

    @Test
    void aCellThatNamesNothingCompilesWithNoTypeImportAndNamesArriveOnFirstUse() throws CellError {
        assertEquals(1, jshellImports(), "only the static wildcard stays an ordinary import");
        assertEquals(2, session.eval("1+1"));
        assertEquals(1, jshellImports());
        assertEquals(List.of(1, 2), session.eval("List<Integer> l = new ArrayList<>(List.of(1, 2)); l"));
        assertEquals(3, session.eval("Function<Integer, Integer> inc = x -> x + 1; inc.apply(2)"));
        assertEquals("HI", session.eval("shout(\"hi\")"));
        assertEquals(4, jshellImports(), () -> "List, ArrayList, Function and the static wildcard; nothing for x, l or inc: "
                + session.jshell().imports().map(i -> i.source()).toList());
        assertEquals(List.of("import java.util.*;", "import java.util.function.*;", "import java.util.concurrent.*;",
                "import java.io.Reader;", "import java.io.*;", "import java.nio.file.*;",
                "import io.juxta.kernel.worker.shadow.*;", "import static io.juxta.kernel.worker.DeferredImportsTest.Helpers.*;"),
                session.imports());
        assertEquals(3, session.eval("inc.apply(l.get(1))"));
    }

    @Test
    void aPackagePrivateClassOfAnEarlierWildcardDoesNotHideAPublicOneOfALaterWildcard() throws CellError {
        // java.io has a package-private FileSystem; java.nio.file's is the one a wildcard gives
        assertEquals("java.nio.file.FileSystem", session.eval("FileSystem fs = FileSystems.getDefault(); FileSystem.class.getName()"));
    }

    @Test
    void aVariableNamedLikeAStaticDefaultLeavesTheMethodCallable() throws CellError {
        assertEquals("X", session.eval("String shout = \"x\"; shout(shout)"));
    }

    @Test
    void aWildcardOfTheUsersKeepsANameBothHoldAmbiguousAsItWas() throws CellError {
        session.eval("import java.sql.*;");
        CellError e = assertThrows(CellError.class, () -> session.eval("Date d = null;"));
        assertTrue(e.evalue().contains("ambiguous"), e.evalue());
        assertEquals("java.sql.Connection", session.eval("Connection.class.getName()"));
        // writing out a default's own wildcard changes nothing
        session.eval("import java.util.*;");
        assertEquals("java.util.Optional", session.eval("Optional.class.getName()"));
    }

    @Test
    void theUsersOwnCopyOfADefaultImportYieldsToTheirClassLikeAnyImportOfTheirs() throws CellError {
        session.eval("Reader r = null;");
        session.eval("import java.io.Reader;");
        session.eval("class Reader { int q = 5; }");
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("java.io.Reader is no longer imported"));
        assertEquals(5, session.eval("new Reader().q"));
        assertEquals(2, session.eval("1+1"));
    }

    @Test
    void aWildcardsClassNamedLikeOneOfJavaLangsNeverReplacesIt() throws CellError {
        assertEquals("marker", session.eval("Marker.NAME"));
        assertEquals(3, session.eval("Integer.valueOf(3)"));
        assertEquals("java.lang.Integer", session.eval("Integer.class.getName()"));
    }

    @Test
    void theUsersOwnDeclarationsWinAsOverAWildcard() throws CellError {
        session.eval("Reader r = null; Function<String, String> id = s -> s;");
        session.eval("class Function { int v = 7; }");
        assertEquals(7, session.eval("new Function().v"));
        assertEquals("", errBytes.toString(StandardCharsets.UTF_8), "a default import yields without a note");
        session.eval("String shout(String s) { return s + \"!\"; }");
        assertEquals("hi!", session.eval("shout(\"hi\")"));
        session.eval("class Future { int w = 8; }");
        assertEquals(8, session.eval("new Future().w"));
        assertEquals(2, session.eval("1+1"));
    }

    @Test
    void aFirstUseThatDeclaresTheNameKeepsTheUsersType() throws CellError {
        session.eval("class Executor { int z = 9; }");
        assertEquals(9, session.eval("new Executor().z"));
        session.eval("record Reader(int q) {}");
        assertEquals(4, session.eval("new Reader(4).q()"));
        assertEquals(2, session.eval("1+1"));
    }

    @Test
    void aUsersSingleTypeImportTakesANameFromTheDefaults() throws CellError {
        assertEquals(List.of(), session.eval("List<String> a = new ArrayList<>(); a"));
        session.eval("import java.awt.List;");
        assertEquals("java.awt.List", session.eval("List.class.getName()"));
    }

    @Test
    void completionOffersDefaultNamesBeforeTheirFirstUse() {
        String matches = session.complete("Functi", 6).getAsJsonArray("matches").toString();
        assertTrue(matches.contains("\"Function\""), matches);
        assertTrue(session.complete("Executo", 7).getAsJsonArray("matches").toString().contains("\"Executors\""));
        // java.util lists its package-private classes too; a wildcard does not import them
        String hidden = session.complete("ImmutableColl", 13).getAsJsonArray("matches").toString();
        assertTrue(!hidden.contains("ImmutableCollections"), hidden);
        // a first use inside the code being completed is imported, so members complete too
        String members = session.complete("Executors.newFixedT", 19).getAsJsonArray("matches").toString();
        assertTrue(members.contains("newFixedThreadPool("), members);
        String doc = session.inspect("CompletableFuture", 17).toString();
        assertTrue(doc.contains("java.util.concurrent.CompletableFuture"), doc);
    }
}
