package io.juxta.toolkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
    @TempDir
    Path dir;

    @Test
    void loadsTheFourFilesAsUnitFloatsAndLabels() throws IOException {
        IdxFiles.writeFashionMnist(dir, 5, 3);
        FashionMnist.Splits splits = FashionMnist.load(dir);
        ImageDataset train = splits.train();
        assertEquals(5, train.size());
        assertArrayEquals(new int[] {5, 1, 28, 28}, train.shape());
        assertEquals(5 * 784, train.images().length);
        assertEquals(50 / 255f, train.images()[784], 0);
        assertEquals(200 / 255f, train.image(4)[783], 0);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, train.labels());
        assertEquals("Trouser", train.className(1));
        assertEquals(3, splits.test().size());
        assertEquals(2, splits.limit(2).train().size());
    }

    @Test
    void limitSliceAndShuffleKeepImagesWithTheirLabels() throws IOException {
        IdxFiles.writeFashionMnist(dir, 5, 1);
        ImageDataset train = FashionMnist.load(dir).train();
        assertSame(train, train.limit(100));
        ImageDataset first = train.limit(2);
        assertArrayEquals(new int[] {0, 1}, first.labels());
        assertEquals(2 * 784, first.images().length);
        ImageDataset shuffled = train.shuffled(42);
        assertEquals(train.size(), shuffled.size());
        for (int i = 0; i < shuffled.size(); i++) {
            int label = shuffled.labels()[i];
            assertEquals(label * 50 / 255f, shuffled.image(i)[0], 0, "image " + i + " lost its label");
        }
        assertArrayEquals(shuffled.labels(), train.shuffled(42).labels());
        assertThrows(IllegalArgumentException.class, () -> train.limit(-1));
    }

    @Test
    void prefersTheFirstFolderThatHasTheFiles() throws IOException {
        Path empty = dir.resolve("empty");
        Path full = dir.resolve("full");
        IdxFiles.writeFashionMnist(full, 2, 2);
        assertEquals(full, FashionMnist.locate(List.of(empty, full), URI.create("http://127.0.0.1:9/")));
    }

    @Test
    void downloadsIntoTheFirstFolderWhenNoneHasTheFiles() throws Exception {
        Path source = dir.resolve("served");
        IdxFiles.writeFashionMnist(source, 4, 2);
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            Path file = source.resolve(exchange.getRequestURI().getPath().substring(1));
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            Path target = dir.resolve("data").resolve("fashion-mnist");
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            // download on a thread of its own group, as JShell's local engine runs a cell, which waits for the group's threads
            ThreadGroup cell = new ThreadGroup("cell");
            Path[] located = new Path[1];
            Exception[] failure = new Exception[1];
            Thread cellThread = new Thread(cell, () -> {
                try {
                    located[0] = FashionMnist.locate(List.of(target, dir.resolve("elsewhere")), base);
                } catch (Exception e) {
                    failure[0] = e;
                }
            });
            cellThread.start();
            cellThread.join();
            assertEquals(null, failure[0]);
            assertEquals(target, located[0]);
            assertEquals(0, cell.activeCount(), "the download left threads behind, which would keep a JShell cell running");
            assertEquals(4, requests.get());
            assertEquals(4, FashionMnist.load(target).train().size());
            try (var leftovers = Files.list(target)) {
                assertTrue(leftovers.noneMatch(p -> p.toString().endsWith(".part")));
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void failedDownloadSaysWhereToPutTheFiles() {
        Path target = dir.resolve("nowhere");
        IOException e = assertThrows(IOException.class,
                () -> FashionMnist.locate(List.of(target), URI.create("http://127.0.0.1:9/")));
        assertTrue(e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
    }

    @Test
    void readsTheInstalledDebianPackageWhenPresent() {
        assumeTrue(FashionMnist.hasAllFiles(FashionMnist.SYSTEM_DIR), "dataset-fashion-mnist is not installed");
        ImageDataset test = assertDoesNotThrowIo(() -> FashionMnist.load(FashionMnist.SYSTEM_DIR).test());
        assertEquals(10_000, test.size());
        int[] perClass = new int[10];
        for (int label : test.labels()) {
            perClass[label]++;
        }
        assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, perClass);
        float max = 0;
        for (float v : test.images()) {
            max = Math.max(max, v);
        }
        assertTrue(max <= 1f && max > 0.9f, "pixels must be scaled to [0, 1]; max " + max);
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private static <T> T assertDoesNotThrowIo(IoSupplier<T> supplier) {
        try {
            return supplier.get();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
