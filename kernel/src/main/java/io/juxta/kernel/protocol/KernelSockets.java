package io.juxta.kernel.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Owns the kernel's ZeroMQ sockets. One I/O thread polls shell, control and stdin and is the only
 * thread that touches them; other threads hand it replies through a queue and a wake-up pipe, so
 * nothing waits on a timer. iopub, which nothing polls, is sent on directly by the publishing
 * thread under a lock: status and output then reach the wire without waking the I/O thread.
 */
public final class KernelSockets implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KernelSockets.class.getName());
    /** A peer sending a larger frame is disconnected by ZeroMQ; front ends send far less (a cell, a reply). */
    private static final long MAX_FRAME_BYTES = 32L * 1024 * 1024;
    /** Frames of one message beyond this many bytes are read and dropped: the kernel JVM's heap is small. */
    private static final long MAX_MESSAGE_BYTES = 64L * 1024 * 1024;

    /** Receives verified messages on the I/O thread; must hand slow work to other threads. */
    public interface Receiver {
        void received(Channel channel, Message message);
    }

    private record Outgoing(Channel channel, Message message) {}

    private final ZContext context = new ZContext(1);
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket stdin;
    private final ZMQ.Socket iopub;
    private final ZMQ.Socket heartbeat;
    private final WireCodec codec;
    private final Queue<Outgoing> outbox = new ConcurrentLinkedQueue<>();
    private final Pipe wakeup;
    private final ByteBuffer wakeByte = ByteBuffer.allocate(1);
    /** Set while a wake-up byte is unread: further sends before the I/O thread wakes need not write another. */
    private final AtomicBoolean wakePending = new AtomicBoolean();
    /** Guards every use of the iopub socket, which any thread may publish on. */
    private final Object iopubLock = new Object();
    private boolean iopubClosed;
    private volatile boolean running = true;
    private volatile Runnable stopped = () -> { };
    private long dropped;

    public KernelSockets(ConnectionInfo info, WireCodec codec) throws IOException {
        this.codec = codec;
        shell = bind(SocketType.ROUTER, info.endpoint(info.shellPort()));
        control = bind(SocketType.ROUTER, info.endpoint(info.controlPort()));
        stdin = bind(SocketType.ROUTER, info.endpoint(info.stdinPort()));
        iopub = bind(SocketType.PUB, info.endpoint(info.iopubPort()));
        heartbeat = bind(SocketType.REP, info.endpoint(info.hbPort()));
        wakeup = Pipe.open();
        wakeup.source().configureBlocking(false);
    }

    private ZMQ.Socket bind(SocketType type, String endpoint) {
        ZMQ.Socket s = context.createSocket(type);
        s.setLinger(1000);
        s.setMaxMsgSize(MAX_FRAME_BYTES);
        if (type == SocketType.PUB || type == SocketType.ROUTER) {
            s.setSndHWM(0); // never drop output or replies at a high-water mark
        }
        if (type == SocketType.ROUTER) {
            s.setRouterMandatory(false);
        }
        s.bind(endpoint);
        return s;
    }

    /** Sends a message: iopub at once, other channels through the I/O thread; safe from any thread. */
    public void send(Channel channel, Message message) {
        if (channel == Channel.IOPUB) {
            publish(message);
            return;
        }
        outbox.add(new Outgoing(channel, message));
        wake();
    }

    private void publish(Message message) {
        List<byte[]> frames = codec.encode(message, List.of(
                ("kernel." + codec.session() + "." + message.type()).getBytes(StandardCharsets.UTF_8)));
        synchronized (iopubLock) {
            if (!iopubClosed) {
                sendFrames(iopub, frames);
            }
        }
    }

    private static void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    private void wake() {
        if (!wakePending.compareAndSet(false, true)) {
            return; // the I/O thread has not yet read the last wake-up and will see this message too
        }
        synchronized (wakeByte) {
            try {
                wakeByte.clear();
                wakeup.sink().write(wakeByte);
            } catch (IOException e) {
                LOG.log(Level.FINE, "wake-up pipe closed", e);
            }
        }
    }

    /** Starts the heartbeat echo and runs the I/O loop on the calling thread until {@link #close}. */
    public void run(Receiver receiver) {
        Thread hb = new Thread(this::echoHeartbeats, "juxta-heartbeat");
        hb.setDaemon(true);
        hb.start();
        ZMQ.Poller poller = context.createPoller(4);
        int shellIndex = poller.register(shell, ZMQ.Poller.POLLIN);
        int controlIndex = poller.register(control, ZMQ.Poller.POLLIN);
        int stdinIndex = poller.register(stdin, ZMQ.Poller.POLLIN);
        int wakeIndex = poller.register(wakeup.source(), ZMQ.Poller.POLLIN);
        try {
            while (running && !Thread.currentThread().isInterrupted()) {
                if (poller.poll(-1) < 0) {
                    break;
                }
                if (poller.pollin(wakeIndex)) {
                    drainWakeups();
                }
                flushOutbox();
                // control first: an interrupt must not wait behind shell traffic
                if (poller.pollin(controlIndex)) {
                    receiveAll(control, Channel.CONTROL, receiver);
                }
                if (poller.pollin(shellIndex)) {
                    receiveAll(shell, Channel.SHELL, receiver);
                }
                if (poller.pollin(stdinIndex)) {
                    receiveAll(stdin, Channel.STDIN, receiver);
                }
                flushOutbox();
            }
        } catch (RuntimeException e) {
            if (running) {
                LOG.log(Level.SEVERE, "I/O loop failed", e);
            }
        } finally {
            flushOutbox();
            poller.close();
            stopped.run();
        }
    }

    private void drainWakeups() {
        wakePending.set(false); // before the outbox is flushed, so a message queued after the flush wakes the loop again
        ByteBuffer sink = ByteBuffer.allocate(256);
        try {
            while (wakeup.source().read(sink) > 0) {
                sink.clear();
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "wake-up pipe closed", e);
        }
    }

    private void receiveAll(ZMQ.Socket socket, Channel channel, Receiver receiver) {
        List<byte[]> frames;
        while ((frames = receiveFrames(socket, channel)) != null) {
            if (frames.isEmpty()) {
                continue;
            }
            Message message;
            List<byte[]> received = frames;
            try {
                message = codec.decode(frames);
            } catch (MalformedMessageException e) {
                dropped++;
                if (!worthLogging(dropped)) {
                    continue;
                }
                // never log contents: they may hold user code or secrets
                LOG.warning(() -> "dropped a message on " + channel + ": " + e.getMessage() + " (" + received.size()
                        + " frames; " + dropped + " dropped so far)");
                continue;
            }
            try {
                receiver.received(channel, message);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "handler failed for " + message.type() + " on " + channel, e);
            }
        }
    }

    /**
     * The frames of the next message, null when none is waiting, or an empty list when the message
     * was too large to keep (its frames are read and dropped, so the socket stays usable).
     */
    private List<byte[]> receiveFrames(ZMQ.Socket socket, Channel channel) {
        List<byte[]> frames = new ArrayList<>(8);
        long total = 0;
        boolean tooLarge = false;
        boolean more = true;
        while (more) {
            byte[] frame;
            try {
                frame = socket.recv(frames.isEmpty() && !tooLarge ? ZMQ.DONTWAIT : 0);
            } catch (OutOfMemoryError e) {
                frame = null;
                tooLarge = true;
                frames.clear();
            }
            if (frame == null && frames.isEmpty() && !tooLarge) {
                return null;
            }
            more = socket.hasReceiveMore();
            if (frame == null || tooLarge) {
                continue;
            }
            total += frame.length;
            if (total > MAX_MESSAGE_BYTES) {
                tooLarge = true;
                frames.clear();
            } else {
                frames.add(frame);
            }
        }
        if (tooLarge) {
            dropped++;
            long count = dropped;
            LOG.log(worthLogging(count) ? Level.WARNING : Level.FINE, () -> "dropped a message on " + channel
                    + ": larger than " + (MAX_MESSAGE_BYTES >> 20) + " MB (" + count + " dropped so far)");
            return List.of();
        }
        return frames;
    }

    /** The first drops, then only the 2^n-th: a peer sending garbage must not fill the log. */
    private static boolean worthLogging(long count) {
        return count <= 10 || Long.bitCount(count) == 1;
    }

    private void flushOutbox() {
        Outgoing out;
        while ((out = outbox.poll()) != null) {
            ZMQ.Socket socket = switch (out.channel()) {
                case SHELL -> shell;
                case CONTROL -> control;
                case STDIN -> stdin;
                case IOPUB -> throw new IllegalStateException("iopub is published on directly");
            };
            sendFrames(socket, codec.encode(out.message(), out.message().identities()));
        }
    }

    /** Echoes every ping, all of its frames (a REP socket must answer before it can receive again). */
    private void echoHeartbeats() {
        while (running) {
            try {
                byte[] ping = heartbeat.recv(0);
                if (ping == null) {
                    break;
                }
                while (heartbeat.hasReceiveMore()) {
                    heartbeat.send(ping, ZMQ.SNDMORE);
                    ping = heartbeat.recv(0);
                }
                heartbeat.send(ping, 0);
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.log(Level.FINE, "heartbeat ping not echoed", e);
            }
        }
    }

    public long droppedMessages() {
        return dropped;
    }

    /** Flushes what is queued, then stops the loop; {@code after} runs on the I/O thread at the end. */
    public void stopAfterFlush(Runnable after) {
        stopped = after;
        running = false;
        wake();
    }

    @Override
    public void close() {
        running = false;
        synchronized (iopubLock) {
            iopubClosed = true;
        }
        context.close();
    }
}
