package io.juxta.kernel.supervisor;

import com.google.gson.JsonObject;
import io.juxta.kernel.link.FrameChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts and watches the worker JVM that runs JShell and the frameworks. The kernel JVM keeps
 * answering while the worker runs a cell; when the worker exits, crashes or ignores an interrupt,
 * pending requests fail with {@link WorkerExitedException} and a fresh worker is started.
 */
public final class WorkerSupervisor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WorkerSupervisor.class.getName());

    /** How to launch a worker. */
    public record Config(String javaCommand, List<String> jvmOptions, String classpath, String mainClass,
                         Map<String, String> environment, long interruptGraceMillis) {}

    private final Config config;
    private final AtomicLong ids = new AtomicLong();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "juxta-watchdog");
        t.setDaemon(true);
        return t;
    });
    private volatile Generation current;
    /** A cell sent while the worker starts, until it is sent on; guarded by waitingLock. */
    private volatile CompletableFuture<JsonObject> waiting;
    private final Object waitingLock = new Object();
    private volatile boolean closed;

    public WorkerSupervisor(Config config) {
        this.config = config;
    }

    /** Starts the first worker in the background. */
    public void start() {
        current = new Generation();
        current.launchInBackground();
    }

    /** Sends a request; the future completes with the worker's reply, or fails if the worker ends. */
    public CompletableFuture<JsonObject> request(JsonObject request, WorkerEvents events) {
        Generation g = current;
        g.launchInBackground(); // after a failed start, the next request tries again
        if (g.ready.isDone()) {
            return g.send(request, events);
        }
        // a cell waiting for the worker to start can still be interrupted before it runs
        CompletableFuture<JsonObject> result = new CompletableFuture<>();
        synchronized (waitingLock) {
            waiting = result;
        }
        g.ready.whenComplete((r, t) -> {
            CompletableFuture<JsonObject> sent;
            synchronized (waitingLock) { // sent (registered as pending) before an interrupt can look again
                if (waiting == result) {
                    waiting = null; // from here on an interrupt must reach the worker, not answer for it
                }
                if (result.isDone()) {
                    return; // interrupted while it waited
                }
                if (t != null) {
                    result.completeExceptionally(t);
                    return;
                }
                sent = g.send(request, events);
            }
            sent.whenComplete((reply, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(reply);
                }
            });
        });
        return result;
    }

    /** The reply of a cell that was interrupted before the worker started it. */
    private static JsonObject interruptedBeforeStart() {
        JsonObject content = new JsonObject();
        content.addProperty("status", "error");
        content.addProperty("ename", "Interrupted");
        content.addProperty("evalue", "The cell was interrupted before it started.");
        com.google.gson.JsonArray tb = new com.google.gson.JsonArray();
        tb.add("\u001b[0;31mInterrupted\u001b[0m: the cell was interrupted before it started.");
        content.add("traceback", tb);
        JsonObject reply = new JsonObject();
        reply.addProperty("type", "reply");
        reply.add("content", content);
        return reply;
    }

    /** Waits until a worker is up; returns its ready message. */
    public CompletableFuture<JsonObject> ready() {
        return current.ready;
    }

    /** Stops the running cell; a worker that has not finished it after the grace period is replaced. */
    public void interrupt() {
        synchronized (waitingLock) {
            CompletableFuture<JsonObject> w = waiting;
            if (w != null && !w.isDone()) {
                w.complete(interruptedBeforeStart());
                return;
            }
        }
        Generation g = current;
        if (g.channel == null) {
            return;
        }
        JsonObject m = new JsonObject();
        m.addProperty("type", "interrupt");
        try {
            g.channel.send(m);
        } catch (IOException e) {
            LOG.log(Level.FINE, "interrupt not delivered", e);
        }
        g.armInterruptWatchdog();
    }

    public void sendInputReply(String value) {
        Generation g = current;
        JsonObject m = new JsonObject();
        m.addProperty("type", "input_reply");
        m.addProperty("value", value);
        try {
            g.channel.send(m);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "input reply not delivered", e);
        }
    }

    /** The worker's process id, or -1 before it started. */
    public long workerPid() {
        Process p = current.process;
        return p == null ? -1 : p.pid();
    }

    @Override
    public void close() {
        closed = true;
        Generation g = current;
        if (g != null) {
            g.stop();
        }
        timers.shutdownNow();
    }

    /** One worker process and its link. */
    private final class Generation {
        final CompletableFuture<JsonObject> ready = new CompletableFuture<>();
        final Map<Long, Pending> pending = new ConcurrentHashMap<>();
        volatile Process process;
        volatile FrameChannel channel;
        volatile boolean exitCalled;
        volatile boolean killedOnInterrupt;
        volatile WorkerEvents lastEvents = WorkerEvents.DISCARD;
        volatile ScheduledFuture<?> watchdog;
        final StringBuilder recentStderr = new StringBuilder();
        volatile Thread stdoutPump;
        volatile Thread stderrPump;
        volatile Thread reader;
        final java.util.concurrent.atomic.AtomicBoolean launched = new java.util.concurrent.atomic.AtomicBoolean();

        /** Launches this generation's worker once; later calls do nothing. */
        void launchInBackground() {
            if (launched.compareAndSet(false, true)) {
                Thread t = new Thread(this::launch, "juxta-worker-launch");
                t.setDaemon(true);
                t.start();
            }
        }

        record Pending(CompletableFuture<JsonObject> reply, WorkerEvents events) {}

        void launch() {
            Path socket = null;
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                socket = Files.createTempDirectory("juxta-").resolve("worker.sock");
                server.bind(UnixDomainSocketAddress.of(socket));
                List<String> command = new ArrayList<>();
                command.add(config.javaCommand());
                command.addAll(config.jvmOptions());
                command.add("-cp");
                command.add(config.classpath());
                command.add(config.mainClass());
                command.add("--link");
                command.add(socket.toString());
                ProcessBuilder pb = new ProcessBuilder(command);
                pb.environment().putAll(config.environment());
                process = pb.start();
                stdoutPump = pump(process.getInputStream(), "stdout");
                stderrPump = pump(process.getErrorStream(), "stderr");
                process.onExit().thenRun(this::exited);
                // closing the server makes accept() fail at once if the worker dies before connecting
                process.onExit().thenRun(() -> closeQuietly(server));
                SocketChannel accepted = server.accept();
                channel = new FrameChannel(accepted);
                Thread r = new Thread(this::read, "juxta-worker-reader");
                r.setDaemon(true);
                reader = r;
                r.start();
            } catch (IOException | RuntimeException e) {
                if (process != null) {
                    // the worker ended (or cannot be reached) before connecting: exited() reports it, with the
                    // JVM's own words once its stderr has been read to the end. Destroying a process closes its pipes,
                    // so one that has ended is left alone: its words were lost when the pump had not read them yet
                    if (process.isAlive()) {
                        process.destroyForcibly();
                    }
                } else {
                    if (!closed && current == this) {
                        // no process to report its exit: the next request tries again. Replaced before the failure
                        // is told, for a request queued behind the failed one is sent on by the thread that tells it
                        current = new Generation();
                    }
                    if (!ready.isDone()) {
                        ready.completeExceptionally(WorkerExitedException.notStarted(-1, String.valueOf(e.getMessage())));
                    }
                }
            } finally {
                if (socket != null) {
                    try {
                        Files.deleteIfExists(socket);
                        Files.deleteIfExists(socket.getParent());
                    } catch (IOException e) {
                        LOG.log(Level.FINE, "temp socket not removed", e);
                    }
                }
            }
        }

        CompletableFuture<JsonObject> send(JsonObject request, WorkerEvents events) {
            long id = ids.incrementAndGet();
            request.addProperty("id", id);
            Pending p = new Pending(new CompletableFuture<>(), events);
            pending.put(id, p);
            // output no request owns (a thread the cell started, after the cell) belongs to the last cell, not to a
            // completion or inspection asked for since: the front end shows nothing sent under those
            if ("execute".equals(request.get("type").getAsString())
                    && !(request.has("silent") && request.get("silent").getAsBoolean())) {
                lastEvents = events;
            }
            try {
                FrameChannel c = channel;
                if (c == null) {
                    throw new IOException("the worker is not connected");
                }
                c.send(request);
            } catch (IOException e) {
                pending.remove(id);
                p.reply.completeExceptionally(new WorkerExitedException(exitCodeOrMinusOne(), exitCalled, false, e.getMessage()));
            }
            return p.reply.whenComplete((r, t) -> disarmWatchdog());
        }

        void read() {
            try {
                while (true) {
                    JsonObject m = channel.receive();
                    String type = m.get("type").getAsString();
                    if ("ready".equals(type)) {
                        ready.complete(m);
                        continue;
                    }
                    if ("exiting".equals(type)) {
                        exitCalled = true;
                        continue;
                    }
                    Pending p = m.has("id") ? pending.get(m.get("id").getAsLong()) : null;
                    WorkerEvents events = p != null ? p.events : lastEvents;
                    switch (type) {
                        case "reply" -> {
                            if (p != null) {
                                pending.remove(m.get("id").getAsLong());
                                p.reply.complete(m);
                            }
                        }
                        case "stream" -> events.stream(m.get("name").getAsString(), m.get("text").getAsString());
                        case "display" -> events.display(m.getAsJsonObject("content"), m.get("update").getAsBoolean());
                        case "clear_output" -> events.clearOutput(m.get("wait").getAsBoolean());
                        case "input_request" -> events.inputRequest(m.get("prompt").getAsString(), m.get("password").getAsBoolean(),
                                m.has("cell") && m.get("cell").getAsBoolean());
                        default -> LOG.warning("unknown worker message " + type);
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "worker link ended", e);
            } catch (OutOfMemoryError e) {
                // a message too large for the kernel's heap (the worker caps outputs; this is the last resort): a
                // reader gone for good would leave the cell waiting forever, so the session ends and says so
                LOG.log(Level.SEVERE, "a message from the worker was too large for the kernel; ending the session", e);
                Process p = process;
                if (p != null) {
                    p.destroyForcibly();
                }
            }
        }

        /** A variable as the worker process sees it: its own settings over the kernel's environment. */
        private String workerEnv(String name, String fallback) {
            return config.environment().getOrDefault(name, System.getenv().getOrDefault(name, fallback));
        }

        /** The worker's own stdout/stderr (native code, JVM crash reports) go to the running cell. */
        private Thread pump(InputStream in, String name) {
            Thread t = new Thread(() -> {
                char[] buffer = new char[8192];
                NativeLogFilter logFilter = "stderr".equals(name)
                        ? NativeLogFilter.fromEnvironment(workerEnv("TF_CPP_MIN_LOG_LEVEL", "0"))
                        : new NativeLogFilter(0);
                CrashBanner banner = new CrashBanner();
                try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    int n;
                    while ((n = r.read(buffer)) > 0) {
                        String text = banner.filter(logFilter.filter(new String(buffer, 0, n)));
                        if (text.isEmpty()) {
                            continue;
                        }
                        // before the worker is up, its stdout counts too: the JVM says why it cannot start on
                        // either (Too small maximum heap: stdout; Unrecognized VM option: stderr)
                        if ("stderr".equals(name) || !ready.isDone()) {
                            synchronized (recentStderr) {
                                recentStderr.append(text);
                                if (recentStderr.length() > 4000) {
                                    recentStderr.delete(0, recentStderr.length() - 4000);
                                }
                            }
                        }
                        lastEvents.stream(name, text);
                    }
                } catch (IOException e) {
                    // after its process ended a pipe may read as closed; before, this is worth knowing
                    LOG.log(ready.isDone() ? Level.FINE : Level.WARNING, "worker " + name + " closed", e);
                }
                if (banner.found()) {
                    // what the cell printed before the crash is still arriving over the link: it goes first
                    joinQuietly(reader, 1000);
                }
                String rest = banner.rest();
                if (!rest.isEmpty()) {
                    if ("stderr".equals(name) || !ready.isDone()) {
                        synchronized (recentStderr) {
                            recentStderr.append(rest);
                        }
                    }
                    lastEvents.stream(name, rest);
                }
            }, "juxta-worker-" + name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        void exited() {
            int code = exitCodeOrMinusOne();
            LOG.info(() -> "worker exited with code " + code);
            boolean started = ready.isDone() && !ready.isCompletedExceptionally();
            // the cell's last output and the JVM's last words reach the notebook before the error does
            joinQuietly(reader, 1000);
            // a worker that never started has only its JVM's words to say why: wait for them longer (a loaded
            // machine once left the message empty after 1 s); once started, a crash should not hold the error up
            joinQuietly(stdoutPump, started ? 1000 : 5000);
            String stderr = stderrToTheEnd(started ? 1000 : 5000);
            WorkerExitedException failure = started
                    ? new WorkerExitedException(code, exitCalled, killedOnInterrupt, stderr)
                    : WorkerExitedException.notStarted(code, stderr);
            if (!started && !closed) {
                LOG.warning("the worker did not start (exit code " + code + ")" + (stderr.isEmpty() ? "" : ":" + stderr));
            }
            // the next generation is in place before anyone hears of this one's end: a request sent in reply to the
            // failure must not find this generation (its link is gone) still current
            Generation next = null;
            if (!closed && current == this) {
                next = new Generation();
                current = next;
            }
            ready.completeExceptionally(failure);
            for (Pending p : pending.values()) {
                p.reply.completeExceptionally(failure);
            }
            pending.clear();
            if (next != null) {
                if (started) {
                    next.launchInBackground();
                } else {
                    // relaunching at once would loop for as long as the options stay wrong
                    LOG.warning("the worker did not start; the next request tries again");
                }
            }
        }

        void armInterruptWatchdog() {
            if (pending.isEmpty() || watchdog != null) {
                return;
            }
            watchdog = timers.schedule(() -> {
                if (!pending.isEmpty() && current == this) {
                    LOG.warning("cell ignored the interrupt; ending the worker");
                    killedOnInterrupt = true;
                    process.destroyForcibly();
                }
            }, config.interruptGraceMillis(), TimeUnit.MILLISECONDS);
        }

        void disarmWatchdog() {
            ScheduledFuture<?> w = watchdog;
            if (w != null && pending.isEmpty()) {
                w.cancel(false);
                watchdog = null;
            }
        }

        int exitCodeOrMinusOne() {
            Process p = process;
            return p != null && !p.isAlive() ? p.exitValue() : -1;
        }

        /** The worker's last stderr once the pump has read it to the end (the process has exited), waiting at most so long. */
        String stderrToTheEnd(long millis) {
            joinQuietly(stderrPump, millis);
            return recentStderrText();
        }

        String recentStderrText() {
            synchronized (recentStderr) {
                String s = recentStderr.toString().strip();
                return s.isEmpty() ? "" : "\n" + s;
            }
        }

        void stop() {
            Process p = process;
            if (p == null) {
                return;
            }
            JsonObject m = new JsonObject();
            m.addProperty("type", "shutdown");
            try {
                if (channel != null) {
                    channel.send(m);
                }
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (IOException e) {
                p.destroyForcibly();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void joinQuietly(Thread t, long millis) {
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "close failed", e);
        }
    }
}
