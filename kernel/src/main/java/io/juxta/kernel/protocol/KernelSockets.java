package io.juxta.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * Owns the kernel's ZeroMQ sockets. Shell, control and stdin each have one thread that waits in
 * the socket's own blocking receive and is the only one to touch it; other threads hand it replies
 * through a queue and wake it with a message over an in-process connection, so nothing waits on a
 * timer. No {@code ZMQ.Poller}: on a busy CPU JeroMQ's poller cost a 4 ms scheduler tick per round
 * trip (docs/benchmarks.md), a blocking receive does not. iopub, which nothing receives on, is
 * sent on directly by the publishing thread under a lock.
 */
public final class KernelSockets implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KernelSockets.class.getName());
    /** A peer sending a larger frame is disconnected by ZeroMQ; front ends send far less (a cell, a reply). */
    private static final long MAX_FRAME_BYTES = 32L * 1024 * 1024;
    /** Frames of one message beyond this many bytes are read and dropped: the kernel JVM's heap is small. */
    private static final long MAX_MESSAGE_BYTES = 64L * 1024 * 1024;

    /** Receives verified messages on the channel's own thread; must hand slow work to other threads. */
    public interface Receiver {
        void received(Channel channel, Message message);
    }

    private final ZContext context = new ZContext(1);
    private final Endpoint shell;
    private final Endpoint control;
    private final Endpoint stdin;
    private final ZMQ.Socket iopub;
    private final ZMQ.Socket heartbeat;
    private final WireCodec codec;
    /** Guards every use of the iopub socket, which any thread may publish on. */
    private final Object iopubLock = new Object();
    private boolean iopubClosed;
    private volatile boolean running = true;
    private volatile Runnable stopped = () -> { };
    private final AtomicInteger loopsRunning = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();

    /** One ROUTER socket, its owner thread's queue of replies, and the in-process connection that wakes it. */
    private final class Endpoint {
        final Channel channel;
        final ZMQ.Socket socket;
        final Queue<Message> outbox = new ConcurrentLinkedQueue<>();
        /** The routing id of the waking connection: random, so no front end can pose as it. */
        final byte[] wakeId = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        final ZMQ.Socket waker;
        /** Set while a wake-up is on its way: more replies before the owner wakes need no second one. */
        final AtomicBoolean wakePending = new AtomicBoolean();

        Endpoint(Channel channel, String endpoint) {
            this.channel = channel;
            socket = bind(SocketType.ROUTER, endpoint);
            String inproc = "inproc://juxta-wake-" + channel.name().toLowerCase(java.util.Locale.ROOT);
            socket.bind(inproc);
            waker = context.createSocket(SocketType.DEALER);
            waker.setSndHWM(0);
            waker.setLinger(0);
            waker.setIdentity(wakeId);
            waker.connect(inproc);
        }

        void wake() {
            if (!wakePending.compareAndSet(false, true)) {
                return;
            }
            synchronized (waker) {
                try {
                    waker.send(new byte[0], 0);
                } catch (ZMQException | IllegalStateException e) {
                    LOG.log(Level.FINE, "wake-up not sent (closing)", e);
                }
            }
        }

        void flush() {
            Message m;
            while ((m = outbox.poll()) != null) {
                sendFrames(socket, codec.encode(m, m.identities()));
            }
        }

        /** Receives and dispatches until the kernel stops; replies queued meanwhile go out between messages. */
        void loop(Receiver receiver) {
            try {
                while (running) {
                    List<byte[]> frames = receiveFrames(socket, channel);
                    if (frames == null) {
                        break; // the context is closing
                    }
                    if (!frames.isEmpty() && Arrays.equals(frames.get(0), wakeId)) {
                        wakePending.set(false); // before the flush, so a reply queued after it wakes this loop again
                    } else if (!frames.isEmpty()) {
                        dispatch(frames, receiver);
                    }
                    flush();
                }
            } catch (ZMQException e) {
                if (running) {
                    LOG.log(Level.SEVERE, channel + " loop failed", e);
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(Level.SEVERE, channel + " loop failed", e);
                }
            } finally {
                try {
                    flush();
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "final flush failed", e);
                }
                if (loopsRunning.decrementAndGet() == 0) {
                    stopped.run();
                }
            }
        }

        void dispatch(List<byte[]> frames, Receiver receiver) {
            Message message;
            try {
                message = codec.decode(frames);
            } catch (MalformedMessageException e) {
                int count = dropped.incrementAndGet();
                if (worthLogging(count)) {
                    // never log contents: they may hold user code or secrets
                    LOG.warning(() -> "dropped a message on " + channel + ": " + e.getMessage() + " (" + frames.size()
                            + " frames; " + count + " dropped so far)");
                }
                return;
            }
            try {
                receiver.received(channel, message);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "handler failed for " + message.type() + " on " + channel, e);
            }
        }
    }

    public KernelSockets(ConnectionInfo info, WireCodec codec) {
        this.codec = codec;
        shell = new Endpoint(Channel.SHELL, info.endpoint(info.shellPort()));
        control = new Endpoint(Channel.CONTROL, info.endpoint(info.controlPort()));
        stdin = new Endpoint(Channel.STDIN, info.endpoint(info.stdinPort()));
        iopub = bind(SocketType.PUB, info.endpoint(info.iopubPort()));
        heartbeat = bind(SocketType.REP, info.endpoint(info.hbPort()));
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
        try {
            s.bind(endpoint);
        } catch (org.zeromq.ZMQException e) {
            String why = e.getErrorCode() == zmq.ZError.EADDRINUSE ? "the port is in use (another kernel or program holds it)"
                    : e.getErrorCode() == zmq.ZError.EADDRNOTAVAIL ? "this machine has no such address"
                    : "error " + e.getErrorCode();
            throw new IllegalStateException("cannot listen on " + endpoint + " as the connection file asks: " + why, e);
        }
        return s;
    }

    /** Sends a message: iopub at once, other channels through their socket's thread; safe from any thread. */
    public void send(Channel channel, Message message) {
        Endpoint e = switch (channel) {
            case SHELL -> shell;
            case CONTROL -> control;
            case STDIN -> stdin;
            case IOPUB -> null;
        };
        if (e == null) {
            publish(message);
            return;
        }
        e.outbox.add(message);
        e.wake();
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

    /** Starts the heartbeat echo and the control and stdin threads, and runs shell's loop on the calling thread until {@link #stopAfterFlush}. */
    public void run(Receiver receiver) {
        Thread hb = new Thread(this::echoHeartbeats, "juxta-heartbeat");
        hb.setDaemon(true);
        hb.start();
        loopsRunning.set(3);
        Thread controlThread = new Thread(() -> control.loop(receiver), "juxta-control");
        Thread stdinThread = new Thread(() -> stdin.loop(receiver), "juxta-stdin");
        controlThread.setDaemon(true);
        stdinThread.setDaemon(true);
        controlThread.start();
        stdinThread.start();
        shell.loop(receiver);
        try {
            controlThread.join(2000);
            stdinThread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The frames of the next message (waiting for it), null when the context is closing, or an empty
     * list when the message was too large to keep (its frames are read and dropped, so the socket stays usable).
     */
    private List<byte[]> receiveFrames(ZMQ.Socket socket, Channel channel) {
        List<byte[]> frames = new ArrayList<>(8);
        long total = 0;
        boolean tooLarge = false;
        boolean more = true;
        while (more) {
            byte[] frame;
            try {
                frame = socket.recv(0);
            } catch (OutOfMemoryError e) {
                frame = null;
                tooLarge = true;
                frames.clear();
            } catch (ZMQException e) {
                if (e.getErrorCode() == ZMQ.Error.ETERM.getCode() || !running) {
                    return null;
                }
                throw e;
            }
            if (frame == null && frames.isEmpty() && !tooLarge) {
                if (!running || socket.errno() == ZMQ.Error.ETERM.getCode()) {
                    return null;
                }
                return List.of();
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
            int count = dropped.incrementAndGet();
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
        return dropped.get();
    }

    /** Flushes what is queued, then stops the loops; {@code after} runs once, on the last loop to end. */
    public void stopAfterFlush(Runnable after) {
        stopped = after;
        running = false;
        shell.wake();
        control.wake();
        stdin.wake();
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
