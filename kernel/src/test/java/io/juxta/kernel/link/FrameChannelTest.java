package io.juxta.kernel.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameChannelTest {
    @TempDir
    Path dir;

    /** A connected pair: the sending side (interrupt-safe) and the receiving side. */
    private FrameChannel[] pair() throws Exception {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(dir.resolve("link")));
        SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
        client.connect(server.getLocalAddress());
        SocketChannel accepted = server.accept();
        server.close();
        return new FrameChannel[] {FrameChannel.interruptSafe(client), new FrameChannel(accepted)};
    }

    private static JsonObject frame(int i) {
        JsonObject m = new JsonObject();
        m.addProperty("n", i);
        m.addProperty("text", "x".repeat(i % 5000));
        return m;
    }

    @Test
    void sendsFromThreadsThatAreInterruptedAgainAndAgainKeepTheLinkOpen() throws Exception {
        FrameChannel[] link = pair();
        int frames = 3000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean sawInterrupt = new AtomicBoolean();
        Thread sender = new Thread(() -> {
            try {
                for (int i = 0; i < frames; i++) {
                    link[0].send(frame(i));
                    if (Thread.interrupted()) {
                        sawInterrupt.set(true); // the sender keeps its interrupts, as user code expects
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "user-code");
        AtomicBoolean done = new AtomicBoolean();
        Thread interrupter = new Thread(() -> {
            while (!done.get()) {
                sender.interrupt();
                Thread.onSpinWait();
            }
        });
        sender.start();
        interrupter.start();
        for (int i = 0; i < frames; i++) {
            assertEquals(i, link[1].receive().get("n").getAsInt(), "frames arrive complete and in order");
        }
        sender.join(10_000);
        done.set(true);
        interrupter.join();
        assertEquals(null, failure.get());
        assertTrue(sawInterrupt.get(), "the interrupts reached the sender");
        link[0].send(frame(1)); // still open
        assertEquals(1, link[1].receive().get("n").getAsInt());
    }

    @Test
    void aThreadThatSendsDirectlyWritesWithAnInterruptPendingAndKeepsIt() throws Exception {
        FrameChannel[] link = pair();
        link[0].sendDirectlyFromThisThread();
        Thread.currentThread().interrupt();
        try {
            link[0].send(frame(7));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertEquals(7, link[1].receive().get("n").getAsInt());
    }
}
