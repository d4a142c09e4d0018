package io.juxta.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Fails when docs/magics.md and the registry drift apart. To regenerate the reference part:
 * {@code mvn -pl magics -am test -Dtest=MagicsDocsTest -Djuxta.docs.update=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class MagicsDocsTest {
    private static final Path DOC = Path.of(System.getProperty("juxta.repo.root", ".."), "docs", "magics.md");

    @Test
    void theReferenceInTheDocsMatchesTheRegistry() throws IOException {
        String expected;
        try (MagicsHarness magics = new MagicsHarness()) {
            expected = MagicReference.markdown(magics.registry);
        }
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = doc.indexOf(MagicReference.BEGIN);
        int end = doc.indexOf(MagicReference.END);
        assertTrue(begin >= 0 && end > begin, DOC + " must hold the markers " + MagicReference.BEGIN + " and " + MagicReference.END);
        String actual = doc.substring(begin + MagicReference.BEGIN.length(), end).strip();
        if (Boolean.getBoolean("juxta.docs.update") && !actual.equals(expected.strip())) {
            Files.writeString(DOC, doc.substring(0, begin + MagicReference.BEGIN.length()) + "\n" + expected + "\n" + doc.substring(end),
                    StandardCharsets.UTF_8);
            actual = expected.strip();
        }
        assertEquals(expected.strip(), actual, "docs/magics.md is out of step with the magic registry; regenerate it with "
                + "-Djuxta.docs.update=true (see MagicsDocsTest) and review the diff");
    }

    @Test
    void everyBuiltInMagicIsDocumentedWithItsUsage() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        try (MagicsHarness magics = new MagicsHarness()) {
            for (Magic magic : magics.registry.all()) {
                assertTrue(doc.contains("```\n" + magic.spec().usage() + "\n```"), "no usage block for " + magic.spec().name());
            }
        }
    }
}
