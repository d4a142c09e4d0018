package io.juxta.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel's ZeroMQ sockets against a front end's side written here from the ZMTP 3.0 and 3.1 specifications
 * (RFC 23 and 37). Jupyter's own clients (pyzmq on libzmq) talk to them in every end-to-end test; JeroMQ 0.6.0
 * could not be the peer here: its DEALER now and then never sends its greeting (also to a JeroMQ ROUTER, about
 * one connection in 25 on this machine), which made its tests fail at random.
 */
class ZmtpSocketTest {
    private final List<ZmtpSocket> sockets = new ArrayList<>();
    private final List<Peer> peers = new ArrayList<>();
    private final BlockingQueue<List<byte[]>> received = new LinkedBlockingQueue<>();

    @AfterEach
    void close() throws IOException {
        for (Peer p : peers) {
            p.close();
        }
        sockets.forEach(ZmtpSocket::close);
    }

    private ZmtpSocket listen(ZmtpSocket.Type type, long maxFrame, long maxMessage, boolean echo) {
        ZmtpSocket s = new ZmtpSocket(type, type.name().toLowerCase(), new InetSocketAddress("127.0.0.1", 0), maxFrame,
                maxMessage);
        sockets.add(s);
        Thread t = new Thread(() -> s.run(frames -> {
            received.add(frames);
            if (echo) {
                s.route(frames);
            }
        }), "test-" + type);
        t.setDaemon(true);
        t.start();
        return s;
    }

    private ZmtpSocket router(boolean echo) {
        return listen(ZmtpSocket.Type.ROUTER, 1 << 20, 4 << 20, echo);
    }

    private Peer connect(ZmtpSocket to, String socketType, String identity) throws IOException {
        Peer p = new Peer(to.port(), socketType, identity == null ? null : bytes(identity));
        peers.add(p);
        return p;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<byte[]> next() throws InterruptedException {
        List<byte[]> m = received.poll(5, TimeUnit.SECONDS);
        assertNotNull(m, "the socket received a message within 5 s");
        return m;
    }

    @Test
    void aRouterPrefixesThePeersIdentityAndRoutesRepliesBackByIt() throws Exception {
        ZmtpSocket router = router(true);
        Peer a = connect(router, "DEALER", "client-a");
        Peer b = connect(router, "DEALER", "client-b");
        byte[] big = new byte[300_000]; // a long frame: an eight-byte size
        Arrays.fill(big, (byte) 7);
        a.send(bytes("<IDS|MSG>"), bytes("from a"), new byte[0], big);
        List<byte[]> fromA = next();
        b.send(bytes("from b"));
        List<byte[]> fromB = next();
        assertEquals(5, fromA.size());
        assertArrayEquals(bytes("client-a"), fromA.get(0));
        assertArrayEquals(bytes("from a"), fromA.get(2));
        assertEquals(0, fromA.get(3).length);
        assertArrayEquals(big, fromA.get(4));
        assertArrayEquals(bytes("client-b"), fromB.get(0));
        List<byte[]> backA = a.receive();
        assertEquals(4, backA.size());
        assertArrayEquals(big, backA.get(3));
        assertArrayEquals(bytes("from b"), b.receive().get(0));
    }

    @Test
    void aPeerWithoutAnIdentityGetsOneAndItsReplies() throws Exception {
        ZmtpSocket router = router(true);
        Peer anonymous = connect(router, "DEALER", null);
        anonymous.send(bytes("hello"));
        assertEquals(0, next().get(0)[0], "a generated routing id starts with a zero byte, as ZeroMQ's do");
        assertArrayEquals(bytes("hello"), anonymous.receive().get(0));
    }

    @Test
    void aReplyForAPeerThatIsGoneIsDroppedAndTheSocketGoesOn() throws Exception {
        ZmtpSocket router = router(false);
        router.route(List.of(bytes("nobody"), bytes("lost")));
        Peer gone = connect(router, "DEALER", "gone");
        gone.send(bytes("bye"));
        byte[] goneId = next().get(0);
        gone.close();
        Thread.sleep(100);
        router.route(List.of(goneId, bytes("too late")));
        Peer a = connect(router, "DEALER", "a");
        a.send(bytes("ping"));
        router.route(next());
        assertArrayEquals(bytes("ping"), a.receive().get(0));
    }

    @Test
    void aPeerThatReconnectsUnderItsIdentityGetsTheRepliesAndTheOlderOneAfterItLeaves() throws Exception {
        ZmtpSocket router = router(false);
        Peer first = connect(router, "DEALER", "same");
        first.send(bytes("1"));
        next();
        Peer second = connect(router, "DEALER", "same");
        second.send(bytes("2"));
        byte[] id = next().get(0);
        router.route(List.of(id, bytes("to the newest")));
        assertArrayEquals(bytes("to the newest"), second.receive().get(0));
        second.close();
        List<byte[]> got = null;
        for (int i = 0; i < 25 && got == null; i++) { // until the socket has seen the second go
            router.route(List.of(id, bytes("to the one left")));
            got = first.receiveWithin(200);
        }
        assertNotNull(got, "the older connection gets replies again");
        assertArrayEquals(bytes("to the one left"), got.get(0));
    }

    @Test
    void everythingSentToAPeerThatDoesNotReadArrivesInOrderWhenItDoes() throws Exception {
        ZmtpSocket router = router(false);
        Peer slow = connect(router, "DEALER", "slow");
        slow.send(bytes("start"));
        byte[] id = next().get(0);
        byte[] line = new byte[100_000];
        int count = 200; // 20 MB: far more than the TCP buffers hold, so most of it waits in the socket's queue
        for (int i = 0; i < count; i++) {
            line[0] = (byte) i;
            router.route(List.of(id, line.clone(), bytes(Integer.toString(i))));
        }
        for (int i = 0; i < count; i++) {
            List<byte[]> m = slow.receive();
            assertEquals((byte) i, m.get(0)[0]);
            assertArrayEquals(bytes(Integer.toString(i)), m.get(1));
        }
    }

    @Test
    void whatIsQueuedWhenTheSocketStopsIsStillDeliveredThenTheConnectionCloses() throws Exception {
        ZmtpSocket router = router(false);
        Peer peer = connect(router, "DEALER", "last");
        peer.send(bytes("shutdown"));
        byte[] id = next().get(0);
        for (int i = 0; i < 50; i++) { // 5 MB: more than the TCP buffers hold
            router.route(List.of(id, new byte[100_000], bytes("reply " + i)));
        }
        router.stop();
        for (int i = 0; i < 50; i++) {
            assertArrayEquals(bytes("reply " + i), peer.receive().get(1));
        }
        assertTrue(peer.closedByTheSocket());
    }

    @Test
    void aPubSendsOnlyWhatASubscriberAskedFor() throws Exception {
        ZmtpSocket pub = listen(ZmtpSocket.Type.PUB, 1 << 20, 1 << 20, false);
        Peer sub = connect(pub, "SUB", null);
        Peer sub31 = connect(pub, "SUB", null);
        sub.send(bytes("\u0001kernel.a.")); // ZMTP 3.0: a subscription is a message
        sub31.command("SUBSCRIBE", bytes("kernel.b.")); // ZMTP 3.1: a command
        Thread.sleep(200);
        pub.publish(List.of(bytes("kernel.b.status"), bytes("b")));
        pub.publish(List.of(bytes("kernel.a.status"), bytes("a")));
        assertArrayEquals(bytes("a"), sub.receive().get(1), "only the topic asked for");
        assertArrayEquals(bytes("b"), sub31.receive().get(1));
        sub.send(bytes("\u0000kernel.a."));
        sub31.command("CANCEL", bytes("kernel.b."));
        Thread.sleep(200);
        pub.publish(List.of(bytes("kernel.a.status"), bytes("after unsubscribing")));
        pub.publish(List.of(bytes("kernel.b.status"), bytes("after unsubscribing")));
        assertNull(sub.receiveWithin(300));
        assertNull(sub31.receiveWithin(300));
    }

    @Test
    void aRepEchoesEachRequestAsTheHeartbeatMust() throws Exception {
        ZmtpSocket rep = listen(ZmtpSocket.Type.REP, 1 << 20, 1 << 20, false);
        Peer req = connect(rep, "REQ", null);
        for (int i = 0; i < 3; i++) {
            req.send(new byte[0], bytes("ping " + i)); // a REQ's empty delimiter, then the body
            List<byte[]> back = req.receive();
            assertEquals(2, back.size());
            assertArrayEquals(bytes("ping " + i), back.get(1));
        }
    }

    @Test
    void aPingIsAnsweredWithItsContext() throws Exception {
        ZmtpSocket router = router(false);
        Peer a = connect(router, "DEALER", "a");
        a.command("PING", new byte[] {0, 10, 'c', 't', 'x'});
        assertArrayEquals(bytes("\u0004PONGctx"), a.receiveCommand());
    }

    @Test
    void aPeerSendingAFrameOverTheLimitIsDisconnectedAndOthersAreServed() throws Exception {
        ZmtpSocket router = listen(ZmtpSocket.Type.ROUTER, 1000, 4000, true);
        Peer big = connect(router, "DEALER", "big");
        big.send(new byte[2000]);
        assertTrue(big.closedByTheSocket());
        Peer fine = connect(router, "DEALER", "fine");
        fine.send(bytes("still here"));
        assertArrayEquals(bytes("still here"), fine.receive().get(0));
        assertArrayEquals(bytes("fine"), next().get(0));
        assertTrue(received.isEmpty(), "the oversized frame was not delivered");
    }

    @Test
    void aMessageOverTheLimitInAllIsDroppedAndTheNextOneArrives() throws Exception {
        ZmtpSocket router = listen(ZmtpSocket.Type.ROUTER, 1000, 2500, true);
        Peer a = connect(router, "DEALER", "a");
        a.send(new byte[900], new byte[900], new byte[900]);
        a.send(bytes("next"));
        assertArrayEquals(bytes("next"), next().get(1));
        assertEquals(1, router.tooLargeDropped());
    }

    @Test
    void somethingThatIsNotZeroMqIsClosedAndTheSocketGoesOn() throws Exception {
        ZmtpSocket router = router(true);
        try (Socket http = new Socket("127.0.0.1", router.port())) {
            http.setSoTimeout(5000);
            http.getOutputStream().write(bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
            byte[] signature = http.getInputStream().readNBytes(10);
            assertEquals(0xFF, signature[0] & 0xFF, "the kernel's ZMTP signature");
            assertEquals(-1, http.getInputStream().read(), "then the connection is closed");
        }
        Peer a = connect(router, "DEALER", "a");
        a.send(bytes("after"));
        assertArrayEquals(bytes("after"), a.receive().get(0));
    }

    @Test
    void aSocketOfAnotherKindIsTurnedAway() throws Exception {
        ZmtpSocket router = router(true);
        Peer push = new Peer(router.port(), "PUSH", null, false);
        peers.add(push);
        assertTrue(push.closedByTheSocket(), "a ROUTER does not talk to a PUSH socket");
        Peer a = connect(router, "DEALER", "a");
        a.send(bytes("dealt"));
        assertArrayEquals(bytes("dealt"), a.receive().get(0));
    }

    @Test
    @Timeout(10)
    void anIpcSocketListensOnItsFileReplacingAStaleOneAndRemovesItWhenClosed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kernel-ipc-5");
        Files.writeString(file, "left by a kernel that was killed");
        ZmtpSocket rep = new ZmtpSocket(ZmtpSocket.Type.REP, "heartbeat", UnixDomainSocketAddress.of(file), 1000, 1000);
        Thread t = new Thread(() -> rep.run(frames -> { }));
        t.setDaemon(true);
        t.start();
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(file))) {
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(ch));
            DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
            byte[] greeting = new byte[64];
            greeting[0] = (byte) 0xFF;
            greeting[9] = 0x7F;
            greeting[10] = 3;
            System.arraycopy(bytes("NULL"), 0, greeting, 12, 4);
            out.write(greeting);
            out.write(new byte[] {4, 25, 5, 'R', 'E', 'A', 'D', 'Y', 11});
            out.write(bytes("Socket-Type"));
            out.write(new byte[] {0, 0, 0, 3, 'R', 'E', 'Q'});
            out.write(new byte[] {1, 0, 0, 4, 'p', 'i', 'n', 'g'}); // the empty delimiter, then the body
            assertEquals(64, in.readNBytes(64).length);
            byte[] header = in.readNBytes(2);
            byte[] ready = in.readNBytes(header[1] & 0xFF);
            assertEquals("READY", new String(ready, 1, 5, StandardCharsets.US_ASCII));
            assertArrayEquals(new byte[] {1, 0, 0, 4, 'p', 'i', 'n', 'g'}, in.readNBytes(8), "the echo");
        }
        rep.close();
        assertTrue(Files.notExists(file), "the socket file is removed");
    }

    @Test
    void aPortInUseSaysSo() {
        ZmtpSocket first = router(false);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ZmtpSocket(ZmtpSocket.Type.ROUTER, "shell", new InetSocketAddress("127.0.0.1", first.port()), 1000, 1000));
        assertTrue(e.getMessage().contains("in use"), e.getMessage());
    }

    /** A front end's socket: greets with the whole ZMTP 3.1 greeting at once, then READY, then frames. */
    static final class Peer implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final DataOutputStream out;

        Peer(int port, String socketType, byte[] identity) throws IOException {
            this(port, socketType, identity, true);
        }

        Peer(int port, String socketType, byte[] identity, boolean expectReady) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(5000);
            socket.setTcpNoDelay(true);
            in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            byte[] greeting = new byte[64];
            greeting[0] = (byte) 0xFF;
            greeting[9] = 0x7F;
            greeting[10] = 3;
            greeting[11] = 1;
            System.arraycopy(bytes("NULL"), 0, greeting, 12, 4);
            out.write(greeting);
            out.flush();
            byte[] theirs = in.readNBytes(64);
            assertEquals(64, theirs.length, "the socket's greeting");
            assertEquals("NULL", new String(theirs, 12, 4, StandardCharsets.US_ASCII));
            ByteArrayOutputStream props = new ByteArrayOutputStream();
            property(props, "Socket-Type", bytes(socketType));
            if (identity != null) {
                property(props, "Identity", identity);
            }
            command("READY", props.toByteArray());
            if (expectReady) {
                byte[] ready = receiveCommand();
                assertEquals("READY", new String(ready, 1, ready[0], StandardCharsets.US_ASCII));
            }
        }

        private static void property(ByteArrayOutputStream props, String name, byte[] value) throws IOException {
            DataOutputStream d = new DataOutputStream(props);
            d.writeByte(name.length());
            d.write(bytes(name));
            d.writeInt(value.length);
            d.write(value);
        }

        void command(String name, byte[] data) throws IOException {
            byte[] body = new byte[1 + name.length() + data.length];
            body[0] = (byte) name.length();
            System.arraycopy(bytes(name), 0, body, 1, name.length());
            System.arraycopy(data, 0, body, 1 + name.length(), data.length);
            frame(4, body);
            out.flush();
        }

        void send(byte[]... frames) throws IOException {
            for (int i = 0; i < frames.length; i++) {
                frame(i < frames.length - 1 ? 1 : 0, frames[i]);
            }
            out.flush();
        }

        private void frame(int flags, byte[] body) throws IOException {
            if (body.length > 255) {
                out.writeByte(flags | 2);
                out.writeLong(body.length);
            } else {
                out.writeByte(flags);
                out.writeByte(body.length);
            }
            out.write(body);
        }

        /** The next message; commands on the way are skipped. */
        List<byte[]> receive() throws IOException {
            List<byte[]> frames = new ArrayList<>();
            while (true) {
                int flags = in.readUnsignedByte();
                long size = (flags & 2) != 0 ? in.readLong() : in.readUnsignedByte();
                byte[] body = in.readNBytes((int) size);
                if ((flags & 4) != 0) {
                    continue;
                }
                frames.add(body);
                if ((flags & 1) == 0) {
                    return frames;
                }
            }
        }

        List<byte[]> receiveWithin(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                return receive();
            } catch (SocketTimeoutException e) {
                return null;
            } finally {
                socket.setSoTimeout(5000);
            }
        }

        byte[] receiveCommand() throws IOException {
            int flags = in.readUnsignedByte();
            long size = (flags & 2) != 0 ? in.readLong() : in.readUnsignedByte();
            byte[] body = in.readNBytes((int) size);
            assertEquals(4, flags & 4, "a command");
            return body;
        }

        /** Whether the socket closes this connection (reading to its end) within 5 s. */
        boolean closedByTheSocket() throws IOException {
            try {
                while (in.read() >= 0) {
                    // what it sent before closing
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
