package io.juxta.toolkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsPlainAndGzipImages() throws IOException {
        byte[] values = {0, 1, 2, 127, (byte) 128, (byte) 255, 7, 8, 9, 10, 11, 12};
        for (boolean gzip : new boolean[] {false, true}) {
            Path file = dir.resolve(gzip ? "images.gz" : "images");
            IdxFiles.writeUnsignedBytes(file, new int[] {3, 2, 2}, values, gzip);
            Idx.Array array = Idx.read(file);
            assertEquals(0x803, array.magic());
            assertArrayEquals(new int[] {3, 2, 2}, array.dims());
            assertEquals(12, array.size());
            assertArrayEquals(new float[] {0, 1, 2, 127, 128, 255, 7, 8, 9, 10, 11, 12}, array.toFloats(), 0);
            assertEquals(1f, array.toUnitFloats()[5], 0);
            assertEquals(128 / 255f, array.toUnitFloats()[4], 0);
        }
    }

    @Test
    void gzipIsRecognisedByContentNotName() throws IOException {
        Path file = dir.resolve("labels-without-suffix");
        IdxFiles.writeUnsignedBytes(file, new int[] {4}, new byte[] {3, 1, 4, 1}, true);
        Idx.Array labels = Idx.read(file);
        assertEquals(0x801, labels.magic());
        assertArrayEquals(new int[] {3, 1, 4, 1}, labels.toInts());
    }

    @Test
    void readsWiderTypesBigEndian() throws IOException {
        Path file = dir.resolve("floats");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.write(new byte[] {0, 0, 0x0D, 1});
            out.writeInt(2);
            out.writeFloat(1.5f);
            out.writeFloat(-2.25f);
        }
        Idx.Array array = Idx.read(file);
        assertEquals(Idx.FLOAT, array.type());
        assertArrayEquals(new float[] {1.5f, -2.25f}, array.toFloats(), 0);
        assertThrows(IllegalStateException.class, array::toUnitFloats);
    }

    @Test
    void rejectsFilesThatAreNotIdx() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello, world");
        Idx.IdxFormatException e = assertThrows(Idx.IdxFormatException.class, () -> Idx.read(text));
        assertTrue(e.getMessage().contains("is not an IDX file"), e.getMessage());
    }

    @Test
    void reportsATruncatedFile() throws IOException {
        Path file = dir.resolve("short");
        IdxFiles.writeUnsignedBytes(file, new int[] {10, 28, 28}, new byte[100], false);
        Idx.IdxFormatException e = assertThrows(Idx.IdxFormatException.class, () -> Idx.read(file));
        assertTrue(e.getMessage().contains("cut short") && e.getMessage().contains("7840"), e.getMessage());
    }

    @Test
    void reportsATruncatedGzipFileByName() throws IOException {
        Path whole = dir.resolve("whole.gz");
        byte[] noise = new byte[28 * 28 * 50];
        new java.util.Random(1).nextBytes(noise); // incompressible, so cutting the file cuts the values
        IdxFiles.writeUnsignedBytes(whole, new int[] {50, 28, 28}, noise, true);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.gz");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Idx.IdxFormatException e = assertThrows(Idx.IdxFormatException.class, () -> Idx.read(cut));
        assertTrue(e.getMessage().contains("cut.gz is cut short") && e.getMessage().contains("39200"), e.getMessage());
        // what was decoded before the cut is counted (it said "the file has 0")
        int has = Integer.parseInt(e.getMessage().replaceAll(".*the file has (\\d+).*", "$1"));
        assertTrue(has > 39200 / 4 && has < 39200, e.getMessage());
    }
}
