package io.juxta.toolkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir
    Path dir;

    @Test
    void headerNamesFeaturesAndTextLabelsBecomeSortedClasses() throws IOException {
        Path file = dir.resolve("iris.csv");
        Files.writeString(file, "sepal,petal,species\n5.1,1.4,setosa\n7.0,4.7,versicolor\n4.9,,setosa\n");
        TabularDataset data = Csv.load(file, "species");
        assertEquals(List.of("sepal", "petal"), data.featureNames());
        assertEquals(List.of("setosa", "versicolor"), data.classNames());
        assertArrayEquals(new int[] {0, 1, 0}, data.labels());
        assertArrayEquals(new float[] {7.0f, 4.7f}, data.row(1), 0);
        assertTrue(Float.isNaN(data.row(2)[1]), "an empty field is a missing value");
        assertArrayEquals(new int[] {3, 2}, data.shape());
    }

    @Test
    void noHeaderLastColumnGzipAndWholeNumberLabels() throws IOException {
        Path file = dir.resolve("digits.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("0,16,3\n1,2,0\n4,4,2\n".getBytes(StandardCharsets.UTF_8));
        }
        TabularDataset data = Csv.load(file, -1);
        assertEquals(List.of("x0", "x1"), data.featureNames());
        assertArrayEquals(new int[] {3, 0, 2}, data.labels());
        assertEquals(List.of("0", "1", "2", "3"), data.classNames());
        assertArrayEquals(new float[] {0, 16, 1, 2, 4, 4}, data.features(), 0);
    }

    @Test
    void scikitLearnFilesKeepTheirClassNames() throws IOException {
        Path file = dir.resolve("iris.csv");
        Files.writeString(file, "3,2,setosa,versicolor,virginica\n5.1,3.5,0\n7.0,3.2,1\n6.3,3.3,2\n");
        TabularDataset data = Csv.load(file, -1);
        assertEquals(3, data.size());
        assertEquals(List.of("x0", "x1"), data.featureNames());
        assertEquals(List.of("setosa", "versicolor", "virginica"), data.classNames());
        assertArrayEquals(new int[] {0, 1, 2}, data.labels());
        assertArrayEquals(new float[] {7.0f, 3.2f}, data.row(1), 0);
    }

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() throws IOException {
        Path file = dir.resolve("quoted.csv");
        Files.writeString(file, "a,label\r\n1,\"x, \"\"y\"\"\nz\"\r\n2,w\r\n");
        List<List<String>> rows = Csv.readRows(file, ',');
        assertEquals(List.of(List.of("a", "label"), List.of("1", "x, \"y\"\nz"), List.of("2", "w")), rows);
    }

    @Test
    void badInputNamesTheLineAndWhatToDo() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "a,b,label\n1,2,x\n3,oops,y\n");
        IllegalArgumentException notNumber = assertThrows(IllegalArgumentException.class, () -> Csv.load(file, "label"));
        assertTrue(notNumber.getMessage().contains("line 3, b: \"oops\" is not a number"), notNumber.getMessage());
        IllegalArgumentException noColumn = assertThrows(IllegalArgumentException.class, () -> Csv.load(file, "class"));
        assertTrue(noColumn.getMessage().contains("[a, b, label]"), noColumn.getMessage());
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "1,2,0\n3,1\n");
        IllegalArgumentException fields = assertThrows(IllegalArgumentException.class, () -> Csv.load(ragged, -1));
        assertTrue(fields.getMessage().contains("line 2 has 2 fields"), fields.getMessage());
        Path regression = dir.resolve("regression.csv");
        Files.writeString(regression, "1,2.5\n3,4.5\n");
        assertThrows(IllegalArgumentException.class, () -> Csv.load(regression, -1));
    }

    @Test
    void aFileThatIsNotCommaSeparatedSaysWhatItIs() throws IOException {
        Path tabs = dir.resolve("tabs.csv");
        Files.writeString(tabs, "a\tb\tlabel\n1\t2\t0\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Csv.load(tabs, -1));
        assertTrue(e.getMessage().endsWith("has one column, so there are no features beside the label: its fields are "
                + "separated by tabs, not commas; save it with commas"), e.getMessage());
        Path words = dir.resolve("notes.txt");
        Files.writeString(words, "just some words\n");
        e = assertThrows(IllegalArgumentException.class, () -> Csv.load(words, -1));
        assertTrue(e.getMessage().contains("separated by commas"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Csv.load(tabs, "label"));
        assertTrue(e.getMessage().contains("separated by tabs"), "by column name too: " + e.getMessage());
        Path titled = dir.resolve("titled.csv");
        Files.writeString(titled, "Iris measurements\n5.1,3.5,0\n4.9,3.0,1\n");
        e = assertThrows(IllegalArgumentException.class, () -> Csv.load(titled, -1));
        assertTrue(e.getMessage().contains("line 2 has 3 fields; the first line has 1"), "a title line, not one column: " + e.getMessage());
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "Temp\u00e9rature,label\n1,0\n2,1\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(2, Csv.load(latin1, -1).size(), "text that is not UTF-8 still loads");
        Path utf16 = dir.resolve("utf16.csv");
        Files.write(utf16, concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "a,label\n1,0\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE)));
        e = assertThrows(IllegalArgumentException.class, () -> Csv.load(utf16, -1));
        assertTrue(e.getMessage().contains("is UTF-16 text; save it as UTF-8"), e.getMessage());
        Path png = dir.resolve("image.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, ',', 1, '\n', 2, ',', 3});
        e = assertThrows(IllegalArgumentException.class, () -> Csv.load(png, -1));
        assertTrue(e.getMessage().contains("is not a text file of comma-separated values"), e.getMessage());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void limitAndShuffleKeepRowsWithLabels() throws IOException {
        Path file = dir.resolve("rows.csv");
        Files.writeString(file, "v,label\n0,0\n1,1\n2,2\n3,3\n4,4\n");
        TabularDataset data = Csv.load(file, "label");
        assertEquals(2, data.limit(2).size());
        TabularDataset shuffled = data.shuffled(7);
        for (int i = 0; i < shuffled.size(); i++) {
            assertEquals(shuffled.labels()[i], shuffled.row(i)[0], 0);
        }
    }
}
