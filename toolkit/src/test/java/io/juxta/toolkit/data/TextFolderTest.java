package io.juxta.toolkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFolderTest {
    @TempDir
    Path root;

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void eachSubfolderIsAClass() throws IOException {
        write("spam/2.txt", "win money");
        write("spam/1.txt", "cheap pills");
        write("ham/a.txt", "lunch at noon?");
        write("ham/.DS_Store", "junk");
        write("ham/notes.md", "not a text of the set");
        TextDataset data = TextFolder.load(root, ".txt");
        assertEquals(List.of("ham", "spam"), data.classNames());
        assertEquals(List.of("lunch at noon?", "cheap pills", "win money"), data.texts());
        assertArrayEquals(new int[] {0, 1, 1}, data.labels());
        assertEquals(4, TextFolder.load(root).size());
    }

    @Test
    void undecodableBytesAreReplacedNotFatal() throws IOException {
        Path file = root.resolve("latin1/x.txt");
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {'c', 'a', 'f', (byte) 0xe9});
        assertEquals("caf\uFFFD", TextFolder.load(root).text(0));
    }

    @Test
    void aFolderWithoutSubfoldersIsExplained() throws IOException {
        write("loose.txt", "text");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TextFolder.load(root));
        assertTrue(e.getMessage().contains("subfolder"), e.getMessage());
    }

    @Test
    void shuffleKeepsTextsWithLabels() throws IOException {
        for (int i = 0; i < 6; i++) {
            write("c" + (i % 2) + "/" + i + ".txt", "c" + (i % 2));
        }
        TextDataset shuffled = TextFolder.load(root).shuffled(3);
        for (int i = 0; i < shuffled.size(); i++) {
            assertEquals(shuffled.classNames().get(shuffled.labels()[i]), shuffled.text(i));
        }
        assertEquals(2, shuffled.limit(2).size());
    }
}
