package io.juxta.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.juxta.kernel.protocol.Channel;
import io.juxta.kernel.protocol.KernelSockets;
import io.juxta.kernel.protocol.Message;
import io.juxta.kernel.protocol.WireCodec;
import io.juxta.kernel.supervisor.WorkerEvents;
import io.juxta.kernel.supervisor.WorkerExitedException;
import io.juxta.kernel.supervisor.WorkerSupervisor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers every request a front end sends. Requests that need the worker (execute, complete,
 * inspect, is_complete) run one at a time in the order they came ({@link InOrder}); everything
 * else is answered at once on the socket's thread, so kernel_info, interrupt and shutdown never
 * wait behind a running cell.
 */
public final class Kernel implements KernelSockets.Receiver {
    private static final Logger LOG = Logger.getLogger(Kernel.class.getName());

    private final KernelSockets sockets;
    private final WireCodec codec;
    private final WorkerSupervisor worker;
    private final History history = new History();
    private final InOrder cells = new InOrder();
    private final Runnable onShutdown;
    private int executionCount;
    /** Execute requests received before this moment are aborted (stop_on_error). */
    private volatile long abortBefore = Long.MIN_VALUE;
    private volatile Message pendingInputParent;
    /** The time limit of the cell running now, if there is one: it stops while the cell waits for an answer. */
    private volatile CellTimeLimit runningLimit;
    /** A cell running longer than this is interrupted; 0 means no limit. */
    private final long cellTimeoutMillis;
    private final ScheduledExecutorService cellTimers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "juxta-cell-timeout");
        t.setDaemon(true);
        return t;
    });

    public Kernel(KernelSockets sockets, WireCodec codec, WorkerSupervisor worker, Runnable onShutdown) {
        this(sockets, codec, worker, onShutdown, 0);
    }

    public Kernel(KernelSockets sockets, WireCodec codec, WorkerSupervisor worker, Runnable onShutdown,
                  long cellTimeoutMillis) {
        this.sockets = sockets;
        this.codec = codec;
        this.worker = worker;
        this.onShutdown = onShutdown;
        this.cellTimeoutMillis = cellTimeoutMillis;
    }

    /** Announces the kernel: status "starting" on iopub, as ipykernel does. */
    public void announce() {
        publish("status", null, status("starting"));
    }

    @Override
    public void received(Channel channel, Message m) {
        switch (channel) {
            case CONTROL -> control(m);
            case SHELL -> shell(m, System.nanoTime());
            case STDIN -> stdin(m);
            default -> LOG.warning("message on " + channel + " ignored");
        }
    }

    private void shell(Message m, long receivedAt) {
        switch (m.type()) {
            case "execute_request", "complete_request", "inspect_request", "is_complete_request" ->
                    cells.submit(() -> withStatusUntilDone(m, () -> workerRequest(m, receivedAt)));
            case "kernel_info_request" -> withStatus(m, () -> reply(Channel.SHELL, m, kernelInfo()));
            case "history_request" -> withStatus(m, () -> reply(Channel.SHELL, m, history(m)));
            case "comm_info_request" -> withStatus(m, () -> {
                JsonObject c = ok();
                c.add("comms", new JsonObject());
                reply(Channel.SHELL, m, c);
            });
            case "comm_open" -> withStatus(m, () -> {
                // no comm targets are registered: close it, as ipykernel does for an unknown target
                JsonObject c = new JsonObject();
                c.addProperty("comm_id", m.string("comm_id", ""));
                c.add("data", new JsonObject());
                publish("comm_close", m, c);
            });
            case "comm_msg", "comm_close" -> withStatus(m, () -> { });
            case "shutdown_request" -> control(m);
            default -> LOG.warning(() -> "unknown shell message type ignored: " + safeType(m));
        }
    }

    private void control(Message m) {
        switch (m.type()) {
            case "interrupt_request" -> withStatus(m, () -> {
                CellTimeLimit limit = runningLimit;
                if (limit != null) {
                    limit.resume(); // the wait for an answer is over; a cell that goes on is timed again
                }
                worker.interrupt();
                reply(Channel.CONTROL, m, ok());
            });
            case "shutdown_request" -> {
                JsonObject c = ok();
                c.addProperty("restart", m.bool("restart", false));
                reply(Channel.CONTROL, m, c);
                publish("status", m, status("busy"));
                publish("status", m, status("idle"));
                sockets.stopAfterFlush(onShutdown);
            }
            case "kernel_info_request" -> withStatus(m, () -> reply(Channel.CONTROL, m, kernelInfo()));
            default -> LOG.warning(() -> "unknown control message type ignored: " + safeType(m));
        }
    }

    private void stdin(Message m) {
        if ("input_reply".equals(m.type())) {
            pendingInputParent = null;
            CellTimeLimit limit = runningLimit;
            if (limit != null) {
                limit.resume();
            }
            worker.sendInputReply(m.string("value", ""));
        } else {
            LOG.warning(() -> "unknown stdin message type ignored: " + safeType(m));
        }
    }

    private static String safeType(Message m) {
        String t = m.type();
        return t.length() > 64 ? t.substring(0, 64) + "…" : t;
    }

    private void withStatus(Message m, Runnable body) {
        publish("status", m, status("busy"));
        try {
            body.run();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "request " + m.type() + " failed", e);
        } finally {
            publish("status", m, status("idle"));
        }
    }

    /**
     * Busy, then the request, then idle once {@code body}'s future is done. The reply and idle are
     * sent by the thread that completes it (the worker's reader), not after another thread wakes up:
     * on two busy cores every such wake-up cost milliseconds. Returns a future of when idle is sent.
     */
    private CompletableFuture<Void> withStatusUntilDone(Message m, java.util.function.Supplier<CompletableFuture<Void>> body) {
        publish("status", m, status("busy"));
        CompletableFuture<Void> done;
        try {
            done = body.get();
        } catch (RuntimeException | Error e) { // idle is published all the same
            done = CompletableFuture.failedFuture(e);
        }
        return done.handle((v, t) -> {
            if (t != null) {
                LOG.log(Level.SEVERE, "request " + m.type() + " failed", t);
            }
            publish("status", m, status("idle"));
            return null;
        });
    }

    private CompletableFuture<Void> workerRequest(Message m, long receivedAt) {
        return switch (m.type()) {
            case "execute_request" -> execute(m, receivedAt);
            case "complete_request" -> forward(m, "complete", "complete_reply");
            case "inspect_request" -> forward(m, "inspect", "inspect_reply");
            case "is_complete_request" -> forward(m, "is_complete", "is_complete_reply");
            default -> throw new IllegalStateException(m.type());
        };
    }

    /** The cause of a failed future, without CompletableFuture's wrapper. */
    private static Throwable unwrap(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private CompletableFuture<Void> forward(Message m, String workerType, String replyType) {
        JsonObject request = new JsonObject();
        request.addProperty("type", workerType);
        request.addProperty("code", m.string("code", ""));
        request.addProperty("cursor", m.integer("cursor_pos", m.string("code", "").length()));
        request.addProperty("detail", m.integer("detail_level", 0));
        return worker.request(request, WorkerEvents.DISCARD).handle((r, t) -> {
            JsonObject content = t == null ? r.getAsJsonObject("content")
                    : errorContent("WorkerUnavailable", explain(unwrap(t)), List.of());
            sockets.send(Channel.SHELL, codec.create(replyType, m, content));
            return null;
        });
    }

    private CompletableFuture<Void> execute(Message m, long receivedAt) {
        String code = m.string("code", "");
        boolean silent = m.bool("silent", false);
        boolean storeHistory = !silent && m.bool("store_history", true);
        if (receivedAt < abortBefore) {
            JsonObject aborted = new JsonObject();
            aborted.addProperty("status", "aborted");
            aborted.addProperty("execution_count", executionCount);
            sockets.send(Channel.SHELL, codec.create("execute_reply", m, aborted));
            return CompletableFuture.completedFuture(null);
        }
        if (storeHistory) {
            executionCount++;
            history.add(executionCount, code);
        }
        int count = executionCount;
        if (!silent) {
            JsonObject input = new JsonObject();
            input.addProperty("code", code);
            input.addProperty("execution_count", count);
            publish("execute_input", m, input);
        }
        JsonObject request = new JsonObject();
        request.addProperty("type", "execute");
        request.addProperty("code", code);
        request.addProperty("count", count);
        request.addProperty("silent", silent);
        request.addProperty("allow_stdin", m.bool("allow_stdin", true));
        AtomicBoolean timedOut = new AtomicBoolean();
        AtomicReference<CompletableFuture<JsonObject>> cell = new AtomicReference<>();
        CellTimeLimit limit = cellTimeoutMillis <= 0 ? null : new CellTimeLimit(cellTimers, cellTimeoutMillis, () -> {
            CompletableFuture<JsonObject> c = cell.get();
            if (c != null && !c.isDone()) {
                timedOut.set(true);
                worker.interrupt();
            }
        });
        runningLimit = limit;
        CompletableFuture<JsonObject> running = worker.request(request, new CellEvents(m, silent));
        cell.set(running);
        if (limit != null) {
            // the clock starts once a session is up: a fresh worker's start-up is not the cell's time
            worker.ready().thenRun(limit::start);
        }
        return running.handle((r, t) -> {
            if (limit != null) {
                limit.cancel();
            }
            finishExecute(m, count, silent, r, t == null ? null : unwrap(t), timedOut.get());
            return null;
        });
    }

    /** Publishes the result or error of a finished cell and sends its reply; runs on the thread that got the worker's reply. */
    private void finishExecute(Message m, int count, boolean silent, JsonObject workerReply, Throwable failure,
                               boolean timedOut) {
        JsonObject reply;
        if (failure == null) {
            reply = workerReply.getAsJsonObject("content");
            JsonElement result = workerReply.get("result");
            if (result != null && result.isJsonObject() && !silent) {
                JsonObject er = result.getAsJsonObject().deepCopy();
                er.addProperty("execution_count", count);
                publish("execute_result", m, er);
            }
        } else {
            String text = explain(failure);
            String ename = failure instanceof WorkerExitedException w
                    ? (w.neverStarted() ? "SessionNotStarted" : "SessionEnded") : "WorkerUnavailable";
            reply = errorContent(ename, text, List.of("\u001b[0;31m" + ename + "\u001b[0m: " + text));
        }
        if (timedOut && "error".equals(reply.get("status").getAsString())) {
            reply = timeLimitError(reply);
        }
        if ("error".equals(reply.get("status").getAsString())) {
            if (!silent) {
                JsonObject error = new JsonObject();
                error.add("ename", reply.get("ename"));
                error.add("evalue", reply.get("evalue"));
                error.add("traceback", reply.get("traceback"));
                publish("error", m, error);
            }
            if (m.bool("stop_on_error", true)) {
                abortBefore = System.nanoTime();
            }
        }
        reply.addProperty("execution_count", count);
        if (!reply.has("user_expressions")) {
            reply.add("user_expressions", new JsonObject());
        }
        if (!reply.has("payload")) {
            reply.add("payload", new JsonArray());
        }
        sockets.send(Channel.SHELL, codec.create("execute_reply", m, reply));
    }

    /** Replaces the interrupt's error with one that says the time limit stopped the cell. */
    private JsonObject timeLimitError(JsonObject interrupted) {
        String text = "The cell ran longer than the kernel's time limit of " + seconds(cellTimeoutMillis)
                + " and was stopped. The limit is set when the kernel is installed (juxta install --cell-timeout "
                + "SECONDS, 0 for none) or by the JUXTA_CELL_TIMEOUT environment variable.";
        if ("SessionEnded".equals(interrupted.get("ename").getAsString())) {
            text += " " + interrupted.get("evalue").getAsString();
        }
        return errorContent("CellTimeout", text, List.of("\u001b[0;31mCellTimeout\u001b[0m: " + text));
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s"
                : millis < 1000 ? millis + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String explain(Throwable t) {
        if (t instanceof WorkerExitedException w) {
            return w.explain();
        }
        return "The Java session is not available: " + t.getMessage();
    }

    /** Publishes a running cell's output with the cell's request as parent. */
    private final class CellEvents implements WorkerEvents {
        private final Message parent;
        private final boolean silent;

        CellEvents(Message parent, boolean silent) {
            this.parent = parent;
            this.silent = silent;
        }

        @Override
        public void stream(String name, String text) {
            if (silent) {
                return;
            }
            JsonObject c = new JsonObject();
            c.addProperty("name", name);
            c.addProperty("text", text);
            publish("stream", parent, c);
        }

        @Override
        public void display(JsonObject content, boolean update) {
            if (!silent) {
                publish(update ? "update_display_data" : "display_data", parent, content);
            }
        }

        @Override
        public void clearOutput(boolean wait) {
            JsonObject c = new JsonObject();
            c.addProperty("wait", wait);
            publish("clear_output", parent, c);
        }

        @Override
        public void inputRequest(String prompt, boolean password, boolean fromCell) {
            JsonObject c = new JsonObject();
            c.addProperty("prompt", prompt);
            c.addProperty("password", password);
            pendingInputParent = parent;
            CellTimeLimit limit = runningLimit;
            if (limit != null && fromCell) { // a thread the cell started may ask while the cell runs on
                limit.pause();
            }
            sockets.send(Channel.STDIN, codec.create("input_request", parent, c));
        }
    }

    private JsonObject kernelInfo() {
        JsonObject c = ok();
        c.addProperty("protocol_version", WireCodec.PROTOCOL_VERSION);
        c.addProperty("implementation", "juxta");
        c.addProperty("implementation_version", Version.JUXTA);
        JsonObject lang = new JsonObject();
        lang.addProperty("name", "java");
        lang.addProperty("version", Runtime.version().toString());
        lang.addProperty("mimetype", "text/x-java-source");
        lang.addProperty("file_extension", ".jshell");
        lang.addProperty("pygments_lexer", "java");
        lang.addProperty("codemirror_mode", "text/x-java");
        c.add("language_info", lang);
        c.addProperty("banner", "Juxta " + Version.JUXTA + " — Java " + Runtime.version() + " (JShell)."
                + " Magics: %lsmagic. Frameworks: %torch, %tf, %%compare.");
        JsonArray links = new JsonArray();
        links.add(link("Java " + Runtime.version().feature() + " API",
                "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature() + "/docs/api/"));
        links.add(link("JShell guide", "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature()
                + "/jshell/introduction-jshell.html"));
        c.add("help_links", links);
        c.addProperty("debugger", false);
        return c;
    }

    private static JsonObject link(String text, String url) {
        JsonObject o = new JsonObject();
        o.addProperty("text", text);
        o.addProperty("url", url);
        return o;
    }

    private JsonObject history(Message m) {
        boolean output = m.bool("output", false);
        List<History.Entry> entries = switch (m.string("hist_access_type", "tail")) {
            case "range" -> history.range(m.integer("session", 0), m.integer("start", 0), m.integer("stop", 0));
            case "search" -> history.search(m.string("pattern", "*"), m.integer("n", 0), m.bool("unique", false));
            default -> history.tail(m.integer("n", 10));
        };
        JsonArray rows = new JsonArray();
        for (History.Entry e : entries) {
            JsonArray row = new JsonArray();
            row.add(e.session());
            row.add(e.line());
            if (output) {
                JsonArray pair = new JsonArray();
                pair.add(e.input());
                pair.add((String) null);
                row.add(pair);
            } else {
                row.add(e.input());
            }
            rows.add(row);
        }
        JsonObject c = ok();
        c.add("history", rows);
        return c;
    }

    private void reply(Channel channel, Message request, JsonObject content) {
        String type = request.type().replace("_request", "_reply");
        sockets.send(channel, codec.create(type, request, content));
    }

    private void publish(String type, Message parent, JsonObject content) {
        sockets.send(Channel.IOPUB, codec.create(type, parent, content));
    }

    private static JsonObject ok() {
        JsonObject c = new JsonObject();
        c.addProperty("status", "ok");
        return c;
    }

    private static JsonObject status(String state) {
        JsonObject c = new JsonObject();
        c.addProperty("execution_state", state);
        return c;
    }

    private static JsonObject errorContent(String ename, String evalue, List<String> traceback) {
        JsonObject c = new JsonObject();
        c.addProperty("status", "error");
        c.addProperty("ename", ename);
        c.addProperty("evalue", evalue);
        JsonArray tb = new JsonArray();
        traceback.forEach(tb::add);
        c.add("traceback", tb);
        return c;
    }

    /** Stops accepting cells. */
    public void close() {
        cells.close();
        cellTimers.shutdownNow();
    }
}
