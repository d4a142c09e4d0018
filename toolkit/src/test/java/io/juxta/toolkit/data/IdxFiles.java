package io.juxta.toolkit.data;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes IDX files byte by byte, independently of the reader under test. */
final class IdxFiles {
    private IdxFiles() {}

    static void writeUnsignedBytes(Path file, int[] dims, byte[] values, boolean gzip) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream maybeGzip = gzip ? new GZIPOutputStream(raw) : raw;
             DataOutputStream out = new DataOutputStream(maybeGzip)) {
            out.write(new byte[] {0, 0, 0x08, (byte) dims.length});
            for (int dim : dims) {
                out.writeInt(dim);
            }
            out.write(values);
        }
    }

    /** A small Fashion-MNIST-shaped set: n images of 28×28 where image i is filled with value i, label i % 10. */
    static void writeFashionMnist(Path dir, int trainCount, int testCount) throws IOException {
        Files.createDirectories(dir);
        writeSet(dir, FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS, trainCount);
        writeSet(dir, FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS, testCount);
    }

    private static void writeSet(Path dir, String images, String labels, int n) throws IOException {
        byte[] pixels = new byte[n * 784];
        byte[] classes = new byte[n];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(pixels, i * 784, (i + 1) * 784, (byte) (i * 50));
            classes[i] = (byte) (i % 10);
        }
        writeUnsignedBytes(dir.resolve(images + ".gz"), new int[] {n, 28, 28}, pixels, true);
        writeUnsignedBytes(dir.resolve(labels + ".gz"), new int[] {n}, classes, true);
    }
}
