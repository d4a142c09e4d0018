package io.juxta.kernel.link;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kernel-worker link: length-prefixed JSON objects over a local socket. Sends may come from
 * any thread; receives from one reader thread.
 *
 * <p>A thread interrupted while it writes to a {@link SocketChannel} closes the channel
 * ({@code ClosedByInterruptException}), which would end the link and the session with it. In the
 * worker, user code prints and displays from threads that an interrupt (or the user's own
 * {@code shutdownNow()}) interrupts at any moment, so the worker's link is {@link #interruptSafe}:
 * only the threads that called {@link #sendDirectlyFromThisThread()} write to the socket
 * themselves; every other thread hands its frame to the link's writer thread, which no one
 * interrupts, and waits (through interrupts, whose status it keeps) until the frame has been
 * written, so that a send still returns only after its frame has left the process.
 */
public final class FrameChannel implements AutoCloseable {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    private final SocketChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(4);
    /** Null unless interrupt-safe: threads that write to the socket themselves. */
    private final Set<Thread> direct;
    private final ArrayDeque<Outgoing> handedOff = new ArrayDeque<>();

    public FrameChannel(SocketChannel channel) {
        this(channel, null);
    }

    private FrameChannel(SocketChannel channel, Set<Thread> direct) {
        this.channel = channel;
        this.direct = direct;
    }

    /**
     * A link that survives interrupts of the threads that send on it (see the class comment).
     * Call it from a thread outside user code: its writer thread joins the caller's thread group.
     */
    public static FrameChannel interruptSafe(SocketChannel channel) {
        FrameChannel link = new FrameChannel(channel, ConcurrentHashMap.newKeySet());
        Thread writer = new Thread(link::writeHandedOff, "juxta-link-writer");
        writer.setDaemon(true);
        writer.start();
        return link;
    }

    /** Lets the calling thread, which nothing interrupts, write its frames itself (one hand-off less). */
    public void sendDirectlyFromThisThread() {
        if (direct != null) {
            direct.add(Thread.currentThread());
        }
    }

    public void send(JsonObject message) throws IOException {
        byte[] body = GSON.toJson(message).getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = ByteBuffer.allocate(4 + body.length);
        frame.putInt(body.length).put(body).flip();
        if (direct == null || direct.contains(Thread.currentThread())) {
            write(frame);
        } else {
            handOff(frame);
        }
    }

    private void write(ByteBuffer frame) throws IOException {
        // a pending interrupt would close the channel at the write's start: set it aside until the frame is out
        boolean interrupted = Thread.interrupted();
        try {
            synchronized (this) {
                while (frame.hasRemaining()) {
                    channel.write(frame);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void handOff(ByteBuffer frame) throws IOException {
        Outgoing out = new Outgoing(frame);
        synchronized (handedOff) {
            handedOff.add(out);
            handedOff.notifyAll();
        }
        boolean interrupted = false;
        synchronized (out) {
            while (!out.done) {
                try {
                    out.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (out.failure != null) {
            throw new IOException(out.failure.getMessage(), out.failure);
        }
    }

    /** The writer thread: writes handed-off frames in the order they came. */
    private void writeHandedOff() {
        while (true) {
            Outgoing out;
            synchronized (handedOff) {
                while (handedOff.isEmpty()) {
                    try {
                        handedOff.wait();
                    } catch (InterruptedException e) {
                        // no one may stop the writer: a sender would wait forever
                    }
                }
                out = handedOff.poll();
            }
            IOException failure = null;
            try {
                write(out.frame);
            } catch (IOException e) {
                failure = e;
            } catch (RuntimeException | Error e) {
                failure = new IOException("the link's writer failed: " + e, e); // it goes on: senders wait for it
            } finally {
                synchronized (out) { // whatever happened, the sender is released
                    out.failure = failure;
                    out.done = true;
                    out.notifyAll();
                }
            }
        }
    }

    private static final class Outgoing {
        final ByteBuffer frame;
        boolean done;
        IOException failure;

        Outgoing(ByteBuffer frame) {
            this.frame = frame;
        }
    }

    /** Blocks for the next message; EOFException when the other side closed the link. */
    public JsonObject receive() throws IOException {
        header.clear();
        readFully(header);
        int length = header.flip().getInt();
        if (length < 0) {
            throw new IOException("corrupt frame length " + length);
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        readFully(body);
        return JsonParser.parseString(new String(body.array(), StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private void readFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("link closed");
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    public static Gson gson() {
        return GSON;
    }
}
