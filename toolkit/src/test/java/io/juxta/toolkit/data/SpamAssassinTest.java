package io.juxta.toolkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpamAssassinTest {
    @TempDir Path dir;

    private void email(String group, String name, String text) throws IOException {
        Files.createDirectories(dir.resolve(group));
        Files.writeString(dir.resolve(group).resolve(name), text);
    }

    @Test
    void groupsNamedSpamAreSpamAndTheRestHam() throws IOException {
        email("easy-ham-1", "00001.a.txt", "From: a@b\nSubject: lunch?\n\nSee you at noon.\n");
        email("spam-2", "00001.b.txt", "From: x@y\r\nSubject: WIN $$$\r\n\r\nClick here now\r\n");
        email("hard-ham-1", "00001.c.txt", "Subject: newsletter\n\nweekly digest\n");
        email("spam-2", "00001.b.json", "{\"not\": \"an email\"}");
        TextDataset data = SpamAssassin.load(dir, true);
        assertEquals(3, data.size());
        // groups in name order: easy-ham-1, hard-ham-1, spam-2
        assertArrayEquals(new int[] {0, 0, 1}, data.labels());
        assertEquals("lunch?\n\nSee you at noon.\n", data.text(0));
        assertEquals("WIN $$$\n\nClick here now\n", data.text(2));
        assertEquals(SpamAssassin.CLASS_NAMES, data.classNames());
    }

    @Test
    void theFolderAFetchUnpacksIntoIsAsReadableAsAnyNewFolder() throws IOException {
        Path plain = Files.createDirectory(dir.resolve("plain"));
        Path partial = SpamAssassin.partialFolder(dir);
        assertTrue(partial.getFileName().toString().startsWith(SpamAssassin.FOLDER + ".part"), partial.toString());
        assertEquals(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
                java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(partial)),
                "not private like a temporary folder: the corpus may sit in a data folder others share");
        assertTrue(!partial.equals(SpamAssassin.partialFolder(dir)), "each fetch gets a folder of its own");
    }

    @Test
    void rawTextsKeepTheHeaders() throws IOException {
        email("spam-1", "1.txt", "From: x@y\nSubject: hi\n\nbody\n");
        assertTrue(SpamAssassin.load(dir, false).text(0).startsWith("From: x@y"));
    }

    @Test
    void emailWithoutSubjectOrBodyStillLoads() {
        assertEquals("\n\n", SpamAssassin.subjectAndBody("From: x@y"));
    }

    @Test
    void emptyFolderSaysWhatIsExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpamAssassin.load(dir, true));
        assertTrue(e.getMessage().contains("easy-ham-1/"));
    }
}
