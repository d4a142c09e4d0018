package io.juxta.kernel.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Owns the kernel's ZeroMQ sockets. One I/O thread receives from shell, control and stdin and
 * sends everything; other threads hand it outgoing messages through a queue and a wake-up pipe,
 * so no socket is ever touched by two threads and nothing waits on a timer.
 */
public final class KernelSockets implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KernelSockets.class.getName());
    private static final long MAX_INCOMING_BYTES = 256L * 1024 * 1024;

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
        s.setMaxMsgSize(MAX_INCOMING_BYTES);
        if (type == SocketType.PUB || type == SocketType.ROUTER) {
            s.setSndHWM(0); // never drop output or replies at a high-water mark
        }
        if (type == SocketType.ROUTER) {
            s.setRouterMandatory(false);
        }
        s.bind(endpoint);
        return s;
    }

    /** Queues a message for sending; safe from any thread. */
    public void send(Channel channel, Message message) {
        outbox.add(new Outgoing(channel, message));
        wake();
    }

    private void wake() {
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
        byte[] first;
        while ((first = socket.recv(ZMQ.DONTWAIT)) != null) {
            List<byte[]> frames = new ArrayList<>(8);
            frames.add(first);
            while (socket.hasReceiveMore()) {
                frames.add(socket.recv(0));
            }
            Message message;
            try {
                message = codec.decode(frames);
            } catch (MalformedMessageException e) {
                dropped++;
                // never log contents: they may hold user code or secrets
                LOG.warning(() -> "dropped a message on " + channel + ": " + e.getMessage() + " (" + frames.size()
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

    private void flushOutbox() {
        Outgoing out;
        while ((out = outbox.poll()) != null) {
            ZMQ.Socket socket = switch (out.channel()) {
                case SHELL -> shell;
                case CONTROL -> control;
                case STDIN -> stdin;
                case IOPUB -> iopub;
            };
            List<byte[]> ids = out.channel() == Channel.IOPUB
                    ? List.of(("kernel." + codec.session() + "." + out.message().type()).getBytes(StandardCharsets.UTF_8))
                    : out.message().identities();
            List<byte[]> frames = codec.encode(out.message(), ids);
            for (int i = 0; i < frames.size(); i++) {
                socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
            }
        }
    }

    private void echoHeartbeats() {
        try {
            while (running) {
                byte[] ping = heartbeat.recv(0);
                if (ping == null) {
                    break;
                }
                heartbeat.send(ping, 0);
            }
        } catch (RuntimeException e) {
            if (running) {
                LOG.log(Level.WARNING, "heartbeat stopped", e);
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
        context.close();
    }
}
