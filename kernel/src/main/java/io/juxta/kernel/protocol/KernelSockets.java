package io.juxta.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns the kernel's sockets: shell, control and stdin are ROUTERs, iopub a PUB and the heartbeat an echoing REP,
 * each a {@link ZmtpSocket} with one thread that reads it. Requests are handled on that thread; a reply or an
 * output message is written by the thread that has it, under the peer connection's lock, so it reaches the front
 * end with no other thread to wake on the way (docs/benchmarks.md, "The kernel's own ZeroMQ").
 */
public final class KernelSockets implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KernelSockets.class.getName());
    /** A peer sending a larger frame is disconnected, as ZeroMQ's maxmsgsize does; front ends send far less. */
    private static final long MAX_FRAME_BYTES = 32L * 1024 * 1024;
    /** Frames of one message beyond this many bytes are read and dropped: the kernel JVM's heap is small. */
    private static final long MAX_MESSAGE_BYTES = 64L * 1024 * 1024;
    /** What iopub and the heartbeat receive from a peer: subscriptions and pings. */
    private static final long SMALL_MESSAGE_BYTES = 64L * 1024;

    /** Receives verified messages on the channel's own thread; must hand slow work to other threads. */
    public interface Receiver {
        void received(Channel channel, Message message);
    }

    private final ZmtpSocket shell;
    private final ZmtpSocket control;
    private final ZmtpSocket stdin;
    private final ZmtpSocket iopub;
    private final ZmtpSocket heartbeat;
    private final WireCodec codec;
    /** Keeps iopub's messages in one order for every subscriber when several threads publish. */
    private final Object iopubLock = new Object();
    private volatile Runnable stopped = () -> { };
    private final AtomicInteger loopsRunning = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();

    public KernelSockets(ConnectionInfo info, WireCodec codec) {
        this.codec = codec;
        shell = listen(ZmtpSocket.Type.ROUTER, "shell", info, info.shellPort());
        control = listen(ZmtpSocket.Type.ROUTER, "control", info, info.controlPort());
        stdin = listen(ZmtpSocket.Type.ROUTER, "stdin", info, info.stdinPort());
        iopub = listen(ZmtpSocket.Type.PUB, "iopub", info, info.iopubPort());
        heartbeat = listen(ZmtpSocket.Type.REP, "heartbeat", info, info.hbPort());
    }

    private static ZmtpSocket listen(ZmtpSocket.Type type, String name, ConnectionInfo info, int port) {
        // iopub receives only subscriptions and the heartbeat only pings: a few bytes each
        long most = type == ZmtpSocket.Type.ROUTER ? MAX_FRAME_BYTES : SMALL_MESSAGE_BYTES;
        long mostInAll = type == ZmtpSocket.Type.ROUTER ? MAX_MESSAGE_BYTES : SMALL_MESSAGE_BYTES;
        try {
            return new ZmtpSocket(type, name, info.address(port), most, mostInAll);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("cannot listen on " + info.endpoint(port) + " as the connection file asks: "
                    + "no such address", e);
        }
    }

    /** Sends a message on its channel; safe from any thread, and written before this returns unless the peer is slow. */
    public void send(Channel channel, Message message) {
        ZmtpSocket router = switch (channel) {
            case SHELL -> shell;
            case CONTROL -> control;
            case STDIN -> stdin;
            case IOPUB -> null;
        };
        if (router == null) {
            publish(message);
        } else {
            router.route(codec.encode(message, message.identities()));
        }
    }

    private void publish(Message message) {
        List<byte[]> frames = codec.encode(message, List.of(
                ("kernel." + codec.session() + "." + message.type()).getBytes(StandardCharsets.UTF_8)));
        synchronized (iopubLock) {
            iopub.publish(frames);
        }
    }

    /** Starts the heartbeat, iopub, control and stdin threads, and runs shell's loop on the calling thread until {@link #stopAfterFlush}. */
    public void run(Receiver receiver) {
        daemon("juxta-heartbeat", () -> heartbeat.run(frames -> { }));
        daemon("juxta-iopub", () -> iopub.run(frames -> { }));
        loopsRunning.set(3);
        Thread controlThread = daemon("juxta-control", () -> loop(control, Channel.CONTROL, receiver));
        Thread stdinThread = daemon("juxta-stdin", () -> loop(stdin, Channel.STDIN, receiver));
        loop(shell, Channel.SHELL, receiver);
        try {
            controlThread.join(2000);
            stdinThread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void loop(ZmtpSocket socket, Channel channel, Receiver receiver) {
        try {
            socket.run(frames -> dispatch(channel, frames, receiver));
        } finally {
            if (loopsRunning.decrementAndGet() == 0) {
                stopped.run();
            }
        }
    }

    private void dispatch(Channel channel, List<byte[]> frames, Receiver receiver) {
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

    /** The first drops, then only the 2^n-th: a peer sending garbage must not fill the log. */
    private static boolean worthLogging(long count) {
        return count <= 10 || Long.bitCount(count) == 1;
    }

    public long droppedMessages() {
        return dropped.get() + shell.tooLargeDropped() + control.tooLargeDropped() + stdin.tooLargeDropped();
    }

    /** Stops shell, control and stdin once what is queued for their peers is written; {@code after} runs once, when the last has ended. */
    public void stopAfterFlush(Runnable after) {
        stopped = after;
        shell.stop();
        control.stop();
        stdin.stop();
    }

    @Override
    public void close() {
        for (ZmtpSocket s : List.of(shell, control, stdin, iopub, heartbeat)) {
            s.close();
        }
    }
}
