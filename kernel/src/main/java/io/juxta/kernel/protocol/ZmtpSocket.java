package io.juxta.kernel.protocol;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One listening ZeroMQ socket speaking ZMTP 3.0 (RFC 23) with the NULL mechanism over TCP or a Unix socket
 * (ZeroMQ's ipc), as Jupyter's front ends connect: a ROUTER (shell, control, stdin), a PUB (iopub) or a REP that echoes (heartbeat).
 *
 * <p>Its one thread accepts, reads and hands each whole message to the {@link Handler}; a thread that sends
 * writes to the peer's TCP connection itself, under the connection's lock, and only what the socket's buffer
 * cannot take at once is left for the socket's thread to finish. So a reply leaves on the thread that made it,
 * with no hand-off to another thread and no wake-up to wait for: JeroMQ, used before, passed every message through
 * its I/O thread (docs/benchmarks.md). Nothing is dropped at a high-water mark: what a slow peer has not read yet
 * is kept until it does or disconnects.
 */
public final class ZmtpSocket implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ZmtpSocket.class.getName());
    private static final int FLAG_MORE = 1;
    private static final int FLAG_LONG = 2;
    private static final int FLAG_COMMAND = 4;
    private static final int GREETING_BYTES = 64;
    /** Commands (READY, PING, SUBSCRIBE) are small; a peer announcing a larger one is not speaking ZMTP. */
    private static final int MAX_COMMAND_BYTES = 64 * 1024;
    private static final int BUFFER_BYTES = 64 * 1024;
    /** How long closing waits for what peers have not read yet, as ZeroMQ's linger. */
    private static final long LINGER_MILLIS = 1000;

    public enum Type {
        ROUTER("DEALER", "REQ", "ROUTER"),
        PUB("SUB", "XSUB"),
        /** Answers every message with itself, as a heartbeat's REP does. */
        REP("REQ", "DEALER");

        final Set<String> peers;

        Type(String... peers) {
            this.peers = Set.of(peers);
        }
    }

    /** Receives each whole message on the socket's thread; for a ROUTER the first frame is the peer's routing id. */
    public interface Handler {
        void received(List<byte[]> frames);
    }

    private final Type type;
    private final String name;
    private final ServerSocketChannel server;
    /** The Unix socket file of an ipc socket, removed when it closes; null for TCP. */
    private final Path socketFile;
    private final Selector selector;
    private final long maxFrameBytes;
    private final long maxMessageBytes;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Map<RoutingId, Connection> routes = new ConcurrentHashMap<>();
    private final AtomicInteger generatedIds = new AtomicInteger(new java.util.Random().nextInt());
    private final AtomicInteger tooLarge = new AtomicInteger();
    private volatile boolean running = true;
    /** Set once run's loop has ended: connections are only written to, no longer read. */
    private volatile boolean lingering;
    private final AtomicBoolean closedOnce = new AtomicBoolean();
    private volatile Thread thread;

    /**
     * Listens on a TCP address and port, as ZeroMQ's {@code bind("tcp://ip:port")}, or on a Unix socket file, as
     * its {@code bind("ipc://path")} (a file left at the path is replaced, as libzmq does). A peer's frame over
     * {@code maxFrameBytes} disconnects it (ZeroMQ's maxmsgsize); a message over {@code maxMessageBytes} in all is
     * read and dropped. Nothing is dropped for a peer that reads slowly: what it has not read is kept.
     */
    public ZmtpSocket(Type type, String name, SocketAddress address, long maxFrameBytes, long maxMessageBytes) {
        this.type = type;
        this.name = name;
        this.maxFrameBytes = maxFrameBytes;
        this.maxMessageBytes = maxMessageBytes;
        this.socketFile = address instanceof UnixDomainSocketAddress unix ? unix.getPath() : null;
        String where = address instanceof InetSocketAddress inet ? "tcp://" + inet.getHostString() + ":" + inet.getPort()
                : "ipc://" + socketFile;
        ServerSocketChannel listening = null;
        try {
            if (socketFile != null) {
                Files.deleteIfExists(socketFile);
                listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            } else {
                listening = ServerSocketChannel.open();
                listening.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            }
            listening.bind(address, 128);
            listening.configureBlocking(false);
            selector = Selector.open();
            listening.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            closeQuietly(listening);
            String why = !(e instanceof BindException) ? e.toString()
                    : String.valueOf(e.getMessage()).contains("in use") ? "the port is in use (another kernel or program holds it)"
                    : "this machine has no such address";
            throw new IllegalStateException("cannot listen on " + where + " as the connection file asks: " + why, e);
        }
        server = listening;
    }

    private static void closeQuietly(java.nio.channels.Channel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "close failed", e);
            }
        }
    }

    /** Messages dropped for being larger than the limit. */
    public int tooLargeDropped() {
        return tooLarge.get();
    }

    /** The TCP port it listens on. */
    public int port() {
        try {
            return ((InetSocketAddress) server.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Accepts, reads and dispatches on the calling thread until {@link #stop}; then gives peers up to a second to
     * read what is still queued for them, and closes.
     */
    public void run(Handler handler) {
        thread = Thread.currentThread();
        try {
            while (running) {
                long paused = acceptPausedUntil - System.nanoTime();
                if (acceptPausedUntil == 0) {
                    selector.select();
                } else if (paused > 0) {
                    selector.select(Math.max(1, paused / 1_000_000));
                } else {
                    acceptPausedUntil = 0;
                    server.keyFor(selector).interestOps(SelectionKey.OP_ACCEPT);
                }
                if (!running) {
                    break;
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    try {
                        ready(key, handler);
                    } catch (Throwable last) {
                        // ready() reports its own failures; this is when reporting failed too (logging with no file
                        // descriptor left throws): the socket goes on serving the other connections
                    }
                }
                selector.selectedKeys().clear();
            }
            linger(handler);
        } catch (IOException | RuntimeException e) {
            if (running) {
                LOG.log(Level.SEVERE, name + " socket failed", e);
            }
        } finally {
            closeAll();
        }
    }

    /** Serves one ready key; nothing one connection does ends the socket's loop. */
    private void ready(SelectionKey key, Handler handler) {
        Connection c = key.attachment() instanceof Connection attached ? attached : null;
        try {
            int ops = key.readyOps(); // throws once the key is cancelled, as a sending thread may do at any time
            if (c == null) {
                accept();
                return;
            }
            if ((ops & SelectionKey.OP_WRITE) != 0) {
                c.writeQueued();
            }
            if ((ops & SelectionKey.OP_READ) != 0) {
                c.read(handler);
            }
        } catch (java.nio.channels.CancelledKeyException e) {
            if (c != null) {
                c.close(null); // closed by another thread already; this makes sure
            }
        } catch (IOException e) {
            c.close(null);
        } catch (ProtocolError e) {
            c.close(e.getMessage());
        } catch (OutOfMemoryError e) {
            if (c != null) {
                c.close("its message does not fit in the kernel's memory");
            }
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, name + ": " + (c == null ? "accepting" : "a connection") + " failed", e);
            if (c != null) {
                c.close(null);
            }
        }
    }

    /** Set while accepting is paused after a failure (no file descriptors left): the key would be ready at once again. */
    private long acceptPausedUntil;
    private boolean acceptFailureLogged;

    private void accept() {
        while (true) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                if (!acceptFailureLogged) {
                    acceptFailureLogged = true;
                    LOG.warning(() -> name + ": cannot accept a connection (" + e.getMessage() + "); trying again every 100 ms");
                }
                server.keyFor(selector).interestOps(0);
                acceptPausedUntil = System.nanoTime() + 100_000_000L;
                return;
            }
            if (ch == null) {
                return;
            }
            try {
                ch.configureBlocking(false);
                if (socketFile == null) {
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
                Connection c = new Connection(ch);
                c.key = ch.register(selector, SelectionKey.OP_READ, c);
                connections.add(c);
                c.write(List.of(Arrays.copyOf(GREETING, SIGNATURE_BYTES)));
            } catch (IOException e) {
                LOG.log(Level.FINE, name + ": a connection failed at its start", e);
                closeQuietly(ch);
            } catch (OutOfMemoryError e) {
                LOG.warning(() -> name + ": no memory for a new connection; it was closed");
                closeQuietly(ch);
            }
        }
    }

    /** Waits, up to the linger time, for peers to take what was queued for them; reads and accepts no more. */
    private void linger(Handler handler) throws IOException {
        long until = System.nanoTime() + LINGER_MILLIS * 1_000_000;
        lingering = true;
        server.keyFor(selector).cancel();
        for (Connection c : connections) {
            c.waitForWritesOnly();
        }
        while (connections.stream().anyMatch(Connection::hasQueued)) {
            long left = (until - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            selector.select(left);
            for (SelectionKey key : selector.selectedKeys()) {
                ready(key, handler); // only writes are asked for now
            }
            selector.selectedKeys().clear();
        }
    }

    /** Sends a ROUTER's message to the peer its first frame names; a message for no connected peer is dropped. */
    public void route(List<byte[]> frames) {
        Connection c = routes.get(new RoutingId(frames.get(0)));
        if (c == null) {
            LOG.fine(() -> name + ": a message for a peer no longer connected was dropped");
            return;
        }
        c.send(frames.subList(1, frames.size()));
    }

    /** Sends a PUB's message to every peer subscribed to a prefix of its first frame. */
    public void publish(List<byte[]> frames) {
        for (Connection c : connections) {
            if (c.subscribed(frames.get(0))) {
                c.send(frames);
            }
        }
    }

    /** Ends {@link #run} after the queued output is written (or the linger time is up). */
    public void stop() {
        running = false;
        selector.wakeup();
    }

    @Override
    public void close() {
        stop();
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(LINGER_MILLIS + 500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeAll();
    }

    private void closeAll() {
        if (!closedOnce.compareAndSet(false, true)) {
            return; // the socket file is removed once: a kernel restarted on the same connection file may have it now
        }
        for (Connection c : connections) {
            c.close(null);
        }
        try {
            server.close();
            selector.close();
            if (socketFile != null) {
                Files.deleteIfExists(socketFile);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, name + ": close failed", e);
        }
    }

    /**
     * ZMTP 3.0's greeting: a 3.1 peer then sends subscriptions as messages, which both versions allow. Sent as
     * libzmq sends it, in three parts (the signature, the major version, the rest), each once the peer's part before
     * it has arrived; a peer that sends its whole greeting at once is answered as well.
     */
    private static final byte[] GREETING = new byte[GREETING_BYTES];
    private static final int SIGNATURE_BYTES = 10;

    static {
        GREETING[0] = (byte) 0xFF;
        GREETING[9] = 0x7F;
        GREETING[10] = 3;
        GREETING[11] = 0;
        System.arraycopy("NULL".getBytes(StandardCharsets.US_ASCII), 0, GREETING, 12, 4);
        // as-server 0 and the filler: zeros
    }

    private static byte[] command(String name, byte[] data) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[1 + n.length + data.length];
        body[0] = (byte) n.length;
        System.arraycopy(n, 0, body, 1, n.length);
        System.arraycopy(data, 0, body, 1 + n.length, data.length);
        return body;
    }

    private byte[] readyCommand() {
        byte[] key = "Socket-Type".getBytes(StandardCharsets.US_ASCII);
        byte[] value = type.name().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(1 + key.length + 4 + value.length);
        b.put((byte) key.length).put(key).putInt(value.length).put(value);
        return command("READY", b.array());
    }

    /** The properties of a READY command's metadata, names in lower case (they are case-insensitive). */
    static Map<String, byte[]> properties(byte[] body, int from) throws ProtocolError {
        Map<String, byte[]> p = new java.util.HashMap<>();
        ByteBuffer b = ByteBuffer.wrap(body, from, body.length - from);
        while (b.hasRemaining()) {
            int nameLength = b.get() & 0xFF;
            if (b.remaining() < nameLength + 4) {
                throw new ProtocolError("a malformed READY command");
            }
            byte[] n = new byte[nameLength];
            b.get(n);
            int valueLength = b.getInt();
            if (valueLength < 0 || b.remaining() < valueLength) {
                throw new ProtocolError("a malformed READY command");
            }
            byte[] v = new byte[valueLength];
            b.get(v);
            p.put(new String(n, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT), v);
        }
        return p;
    }

    /** A peer that breaks the protocol; its connection is closed. */
    static final class ProtocolError extends Exception {
        ProtocolError(String message) {
            super(message);
        }
    }

    private record RoutingId(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RoutingId r && Arrays.equals(bytes, r.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    /** One peer's TCP connection: read on the socket's thread, written by whichever thread sends. */
    private final class Connection {
        final SocketChannel channel;
        SelectionKey key;
        // reading, on the socket's thread only
        final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_BYTES);
        final byte[] peerGreeting = new byte[GREETING_BYTES];
        int greetingRead;
        /** How much of our greeting is sent: the signature at once, the rest in steps with the peer's. */
        int greetingSent = SIGNATURE_BYTES;
        boolean handshaken;
        int flags;
        byte[] body;
        int bodyRead;
        int bodySize;
        long skip;
        boolean skipping;
        final List<byte[]> parts = new ArrayList<>();
        long messageBytes;
        boolean dropping;
        RoutingId id;
        // writing, under this connection's lock
        final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER_BYTES);
        final ArrayDeque<byte[]> queued = new ArrayDeque<>();
        int queuedOffset;
        boolean writeInterest;
        boolean closed;
        volatile boolean ready;
        final List<byte[]> subscriptions = new CopyOnWriteArrayList<>();

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        boolean subscribed(byte[] topic) {
            if (!ready) {
                return false;
            }
            for (byte[] prefix : subscriptions) {
                if (prefix.length <= topic.length && Arrays.equals(prefix, 0, prefix.length, topic, 0, prefix.length)) {
                    return true;
                }
            }
            return false;
        }

        /** Sends a message, each frame after its header. */
        void send(List<byte[]> frames) {
            List<byte[]> bytes = new ArrayList<>(2 * frames.size());
            for (int i = 0; i < frames.size(); i++) {
                bytes.add(header(i < frames.size() - 1 ? FLAG_MORE : 0, frames.get(i).length));
                bytes.add(frames.get(i));
            }
            write(bytes);
        }

        void sendCommand(byte[] body) {
            write(List.of(header(FLAG_COMMAND, body.length), body));
        }

        /** Queues bytes as they go on the wire and writes what the socket takes now, on the calling thread. */
        void write(List<byte[]> bytes) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                for (byte[] b : bytes) {
                    if (b.length > 0) {
                        queued.add(b);
                    }
                }
                try {
                    writeQueued();
                    return;
                } catch (IOException e) {
                    LOG.log(Level.FINE, name + ": a peer went away", e);
                }
            }
            close(null);
        }

        /** Stops reading: while the socket lingers a peer's data would wake its selector again and again. */
        synchronized void waitForWritesOnly() {
            if (!closed && key.isValid()) {
                key.interestOps(writeInterest ? SelectionKey.OP_WRITE : 0);
            }
        }

        synchronized boolean hasQueued() {
            return !closed && (!queued.isEmpty() || out.position() > 0);
        }

        /** Writes until everything is out or the socket's buffer is full; then the socket's thread is asked to go on. */
        synchronized void writeQueued() throws IOException {
            if (closed) {
                return;
            }
            while (true) {
                while (out.hasRemaining() && !queued.isEmpty()) {
                    byte[] next = queued.peek();
                    int n = Math.min(out.remaining(), next.length - queuedOffset);
                    out.put(next, queuedOffset, n);
                    queuedOffset += n;
                    if (queuedOffset == next.length) {
                        queued.poll();
                        queuedOffset = 0;
                    }
                }
                out.flip();
                int written = out.hasRemaining() ? channel.write(out) : 0;
                out.compact();
                int reading = lingering ? 0 : SelectionKey.OP_READ;
                if (out.position() == 0 && queued.isEmpty()) {
                    if (writeInterest) {
                        writeInterest = false;
                        key.interestOps(reading);
                    }
                    return;
                }
                if (written == 0) {
                    if (!writeInterest) {
                        writeInterest = true;
                        key.interestOps(reading | SelectionKey.OP_WRITE);
                        if (Thread.currentThread() != thread) {
                            key.selector().wakeup();
                        }
                    }
                    return;
                }
            }
        }

        void read(Handler handler) throws IOException, ProtocolError {
            int n = channel.read(in);
            if (n < 0) {
                close(null);
                return;
            }
            in.flip();
            try {
                parse(handler);
            } finally {
                in.compact();
            }
        }

        private void parse(Handler handler) throws ProtocolError {
            if (greetingRead < GREETING_BYTES) {
                int n = Math.min(GREETING_BYTES - greetingRead, in.remaining());
                in.get(peerGreeting, greetingRead, n);
                greetingRead += n;
                if (greetingRead >= SIGNATURE_BYTES && ((peerGreeting[0] & 0xFF) != 0xFF || (peerGreeting[9] & 1) == 0)) {
                    throw new ProtocolError("not a ZeroMQ peer (no ZMTP greeting)");
                }
                if (greetingRead > SIGNATURE_BYTES && (peerGreeting[10] & 0xFF) < 3) {
                    throw new ProtocolError("a ZMTP " + (peerGreeting[10] & 0xFF) + ".x peer; ZeroMQ 4 (ZMTP 3) or later is needed");
                }
                if (greetingRead >= SIGNATURE_BYTES && greetingSent == SIGNATURE_BYTES) {
                    greetingSent = SIGNATURE_BYTES + 1; // the major version
                    write(List.of(Arrays.copyOfRange(GREETING, SIGNATURE_BYTES, greetingSent)));
                }
                if (greetingRead > SIGNATURE_BYTES && greetingSent == SIGNATURE_BYTES + 1) {
                    greetingSent = GREETING_BYTES;
                    write(List.of(Arrays.copyOfRange(GREETING, SIGNATURE_BYTES + 1, GREETING_BYTES)));
                }
                if (greetingRead < GREETING_BYTES) {
                    return;
                }
                String mechanism = new String(peerGreeting, 12, 20, StandardCharsets.US_ASCII).replace("\0", "");
                if (!"NULL".equals(mechanism)) {
                    throw new ProtocolError("the peer asks for the " + mechanism + " mechanism; Jupyter uses NULL");
                }
                sendCommand(readyCommand());
            }
            while (true) {
                if (body == null && !skipping) {
                    if (in.remaining() < 1) {
                        return;
                    }
                    int f = in.get(in.position()) & 0xFF;
                    int headerBytes = (f & FLAG_LONG) != 0 ? 9 : 2;
                    if (in.remaining() < headerBytes) {
                        return;
                    }
                    in.get();
                    long size = (f & FLAG_LONG) != 0 ? in.getLong() : in.get() & 0xFF;
                    if ((f & ~7) != 0 || ((f & FLAG_COMMAND) != 0 && (f & FLAG_MORE) != 0)) {
                        throw new ProtocolError("a frame with unknown flags " + f);
                    }
                    boolean command = (f & FLAG_COMMAND) != 0;
                    if (size < 0 || size > (command ? MAX_COMMAND_BYTES : maxFrameBytes)) {
                        throw new ProtocolError("a frame of " + size + " bytes, over the limit");
                    }
                    if (!command && !handshaken) {
                        throw new ProtocolError("a message before the handshake");
                    }
                    flags = f;
                    if (!command && (dropping || messageBytes + size > maxMessageBytes)) {
                        if (!dropping) {
                            dropping = true;
                            parts.clear();
                        }
                        skipping = true;
                        skip = size;
                    } else {
                        // grown as the bytes arrive: a header alone must not make the kernel allocate 32 MB
                        body = new byte[(int) Math.min(size, BUFFER_BYTES)];
                        bodySize = (int) size;
                        bodyRead = 0;
                    }
                }
                if (skipping) {
                    int n = (int) Math.min(skip, in.remaining());
                    in.position(in.position() + n);
                    skip -= n;
                    if (skip > 0) {
                        return;
                    }
                    skipping = false;
                    frameDone(null, handler);
                    continue;
                }
                int n = Math.min(bodySize - bodyRead, in.remaining());
                if (bodyRead + n > body.length) {
                    body = Arrays.copyOf(body, (int) Math.min(bodySize, Math.max(2L * body.length, bodyRead + n)));
                }
                in.get(body, bodyRead, n);
                bodyRead += n;
                if (bodyRead < bodySize) {
                    return;
                }
                byte[] frame = body;
                body = null;
                frameDone(frame, handler);
                if (closed) {
                    return;
                }
            }
        }

        private void frameDone(byte[] frame, Handler handler) throws ProtocolError {
            if ((flags & FLAG_COMMAND) != 0) {
                onCommand(frame);
                return;
            }
            if (frame != null) {
                parts.add(frame);
                messageBytes += frame.length;
            }
            if ((flags & FLAG_MORE) != 0) {
                return;
            }
            List<byte[]> message = new ArrayList<>(parts.size() + 1);
            boolean drop = dropping;
            message.addAll(parts);
            parts.clear();
            messageBytes = 0;
            dropping = false;
            if (drop) {
                int count = tooLarge.incrementAndGet();
                LOG.log(count <= 10 || Integer.bitCount(count) == 1 ? Level.WARNING : Level.FINE, () -> "dropped a message on "
                        + name + ": larger than " + bytes(maxMessageBytes) + " (" + count + " dropped so far)");
                return;
            }
            switch (type) {
                case ROUTER -> {
                    message.add(0, id.bytes());
                    handler.received(message);
                }
                case PUB -> subscription(message);
                case REP -> send(message);
            }
        }

        /** A SUB's (un)subscription, sent as a message by ZMTP 3.0: a first byte of 1 or 0, then the prefix. */
        private void subscription(List<byte[]> message) {
            if (message.size() != 1 || message.get(0).length == 0) {
                return;
            }
            byte[] m = message.get(0);
            byte[] prefix = Arrays.copyOfRange(m, 1, m.length);
            if (m[0] == 1) {
                subscriptions.add(prefix);
            } else if (m[0] == 0) {
                unsubscribe(prefix);
            }
        }

        private void unsubscribe(byte[] prefix) {
            for (byte[] s : subscriptions) {
                if (Arrays.equals(s, prefix)) {
                    subscriptions.remove(s);
                    return;
                }
            }
        }

        private void onCommand(byte[] body) throws ProtocolError {
            int nameLength = body.length == 0 ? 0 : body[0] & 0xFF;
            if (body.length < 1 + nameLength) {
                throw new ProtocolError("a malformed command");
            }
            String command = new String(body, 1, nameLength, StandardCharsets.US_ASCII);
            int data = 1 + nameLength;
            if (!handshaken) {
                if (!"READY".equals(command)) {
                    throw new ProtocolError("a " + command + " command before READY");
                }
                Map<String, byte[]> p = properties(body, data);
                String peerType = new String(p.getOrDefault("socket-type", new byte[0]), StandardCharsets.US_ASCII);
                if (!type.peers.contains(peerType)) {
                    throw new ProtocolError("a " + peerType + " socket cannot talk to a " + type);
                }
                handshaken = true;
                if (type == Type.ROUTER) {
                    byte[] identity = p.get("identity");
                    id = identity != null && identity.length > 0 && identity[0] != 0 ? new RoutingId(identity) : generatedId();
                    Connection before = routes.put(id, this); // the newest connection with an id gets its replies
                    if (before != null) {
                        LOG.fine(() -> name + ": a peer reconnected under the routing id of one still connected");
                    }
                }
                ready = true;
                return;
            }
            switch (command) {
                case "PING" -> {
                    // TTL (2 bytes), then up to 16 bytes of context that PONG returns
                    byte[] context = body.length > data + 2 ? Arrays.copyOfRange(body, data + 2, body.length) : new byte[0];
                    sendCommand(command("PONG", context));
                }
                case "SUBSCRIBE" -> subscriptions.add(Arrays.copyOfRange(body, data, body.length));
                case "CANCEL" -> unsubscribe(Arrays.copyOfRange(body, data, body.length));
                case "ERROR" -> throw new ProtocolError("the peer reported an error");
                default -> { } // PONG and others: nothing to do
            }
        }

        private RoutingId generatedId() {
            return new RoutingId(ByteBuffer.allocate(5).put((byte) 0).putInt(generatedIds.incrementAndGet()).array());
        }

        void close(String why) {
            synchronized (this) {
                closed = true;
                queued.clear();
            }
            ready = false;
            if (why != null) {
                LOG.warning(() -> name + ": closed a connection from " + remote() + ": " + why);
            }
            connections.remove(this);
            if (id != null && routes.remove(id, this)) {
                for (Connection other : connections) { // an older connection under the same id gets its replies back
                    if (id.equals(other.id) && other.ready) {
                        routes.putIfAbsent(id, other);
                        break;
                    }
                }
            }
            if (key != null) {
                key.cancel();
            }
            closeQuietly(channel);
            if (Thread.currentThread() != thread) {
                selector.wakeup(); // a registered channel's descriptor is released at the selector's next round
            }
        }

        private String remote() {
            try {
                return String.valueOf(channel.getRemoteAddress());
            } catch (IOException | RuntimeException e) {
                return "a peer";
            }
        }
    }

    /** A limit as a person reads it: "64 MB", "2500 bytes". */
    static String bytes(long n) {
        return n >= 1 << 20 && n % (1 << 20) == 0 ? (n >> 20) + " MB" : n + " bytes";
    }

    private static byte[] header(int flags, long size) {
        if (size <= 255) {
            return new byte[] {(byte) flags, (byte) size};
        }
        return ByteBuffer.allocate(9).put((byte) (flags | FLAG_LONG)).putLong(size).array();
    }
}
