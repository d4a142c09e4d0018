package io.juxta.kernel.worker;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.juxta.kernel.Notebook;
import io.juxta.kernel.api.CellError;
import io.juxta.kernel.api.CellHandler;
import io.juxta.kernel.api.CellHook;
import io.juxta.kernel.api.Completer;
import io.juxta.kernel.api.Extension;
import io.juxta.kernel.api.ExtensionContext;
import io.juxta.kernel.api.MimeBundle;
import io.juxta.kernel.api.Renderers;
import io.juxta.kernel.api.Session;
import io.juxta.kernel.link.FrameChannel;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The worker JVM: runs cells in JShell next to the frameworks and talks to the kernel over the
 * link. Launchers register extensions explicitly: {@code Worker.builder().extension(x).run(args)}.
 */
public final class Worker implements Outbox {
    private static final Logger LOG = Logger.getLogger(Worker.class.getName());

    private final List<Extension> extensions;
    private final List<String> runtimeOnlyJars;
    private final List<String> startupCode = new ArrayList<>();
    private final List<CellHook> afterStartupCode = new ArrayList<>();
    private FrameChannel link;
    private volatile long currentId;
    private final Object interruptLock = new Object();
    /** Guarded by interruptLock: execute requests received and not yet begun, whether one runs, an early interrupt. */
    private int queuedCells;
    private boolean cellRunning;
    private boolean interruptBeforeStart;
    private JavaSession session;
    private FrontEndInput input;
    private CellOutput stdout;
    private CellOutput stderr;
    private final List<String> pages = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Held by the thread that reads the link; see {@link #serveRequests}. */
    private final Object readTurn = new Object();
    /** Guarded by itself: requests read while another was being handled, and whether one is. */
    private final ArrayDeque<JsonObject> waiting = new ArrayDeque<>();
    private boolean handling;

    private Worker(List<Extension> extensions, List<String> runtimeOnlyJars) {
        this.extensions = extensions;
        this.runtimeOnlyJars = runtimeOnlyJars;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the extensions a launcher wires in. */
    public static final class Builder {
        private final List<Extension> extensions = new ArrayList<>();
        private final List<String> runtimeOnlyJars = new ArrayList<>();

        public Builder extension(Extension e) {
            extensions.add(e);
            return this;
        }

        /**
         * Jars, by file-name prefix, that the worker runs with but user code never compiles
         * against: javac indexes every jar on its class path, tens of MB for a large one.
         */
        public Builder runtimeOnly(String... jarNamePrefixes) {
            runtimeOnlyJars.addAll(List.of(jarNamePrefixes));
            return this;
        }

        public void run(String[] args) throws Exception {
            new Worker(List.copyOf(extensions), List.copyOf(runtimeOnlyJars)).serve(args);
        }
    }

    /** The plain worker, without extensions. */
    public static void main(String[] args) throws Exception {
        builder().run(args);
    }

    private void serve(String[] args) throws Exception {
        String linkPath = null;
        for (int i = 0; i < args.length - 1; i++) {
            if ("--link".equals(args[i])) {
                linkPath = args[i + 1];
            }
        }
        if (linkPath == null) {
            System.err.println("usage: Worker --link SOCKET (the kernel starts the worker; do not run it by hand)");
            System.exit(2);
        }
        setUpLogging();
        ignoreInterruptSignal();
        SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
        socket.connect(UnixDomainSocketAddress.of(Path.of(linkPath)));
        link = FrameChannel.interruptSafe(socket); // user code's threads print and display while interrupts hit them
        link.sendDirectlyFromThisThread();

        stdout = new CellOutput("stdout", this::stream);
        stderr = new CellOutput("stderr", this::stream);
        PrintStream out = new PrintStream(stdout, false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.setErr(err);
        input = new FrontEndInput(this::inputRequest, () -> {
            out.flush();
            return stdout.takeUnfinishedLine();
        });
        System.setIn(input);
        startFlusher(stdout);
        startFlusher(stderr);
        Runtime.getRuntime().addShutdownHook(new Thread(this::announceExit, "juxta-exit"));

        session = new JavaSession(this, input, out, err,
                CompileClasspath.of(System.getProperty("java.class.path"), runtimeOnlyJars));
        Notebook.attach(session);
        startupCode.add("import java.util.function.*; import java.util.stream.*; import java.io.*; import java.math.*;"
                + " import java.nio.file.*; import java.time.*; import java.util.concurrent.*;"
                + " import static io.juxta.kernel.Notebook.*;");
        for (Extension e : extensions) {
            try {
                e.register(new Context());
            } catch (RuntimeException | LinkageError ex) {
                LOG.log(Level.SEVERE, "extension " + e.name() + " failed to load", ex);
                err.println("Juxta: the " + e.name() + " extension failed to load (" + ex + "); its features are unavailable.");
            }
        }
        session.collectStartupImports();
        List<CellHook> startup = new ArrayList<>();
        startupCode.forEach(code -> startup.add((s, cell) -> s.eval(code)));
        startup.addAll(afterStartupCode);
        for (CellHook step : startup) {
            try {
                step.run(session, "");
            } catch (Exception e) {
                err.println("Juxta: startup code failed: " + (e instanceof CellError ce ? ce.evalue() : e.toString()));
            }
        }
        session.deferStartupImports();
        warmUp();
        JsonObject ready = new JsonObject();
        ready.addProperty("type", "ready");
        ready.addProperty("java_version", Runtime.version().toString());
        link.send(ready);
        for (int i = 0; i < 2; i++) {
            // in CellThreads.CELLS, beneath which JShell makes its threads' groups: what the user's threads do not
            // catch is shown
            new Thread(CellThreads.CELLS, this::serveRequests, "juxta-cell-" + i).start();
        }
    }

    /** Compiles a throwaway snippet and asks for completions, so the user's first cell is not the slow one. */
    private void warmUp() {
        session.complete("System.out.pri", 14);
        session.isComplete("int x = 1;");
        System.gc(); // hands the start-up garbage back, so an idle session stays small
    }

    /**
     * Run by two threads that take turns reading the link. The one holding the turn answers interrupts, prompts'
     * answers and shutdown itself; when it reads a request it passes the turn on and handles the request, so a cell
     * starts on the thread that read it (one wake-up of another thread less on every cell: 0.3 ms, on two busy cores
     * up to milliseconds), while the other thread reads what comes during the cell. The kernel sends one request at
     * a time; one that comes while another is handled waits for it, and its handler handles it next.
     */
    private void serveRequests() {
        link.sendDirectlyFromThisThread();
        while (true) {
            JsonObject request;
            synchronized (readTurn) {
                request = readUntilRequest();
                synchronized (waiting) {
                    if (handling) {
                        waiting.add(request);
                        continue;
                    }
                    handling = true;
                }
            }
            while (request != null) {
                try {
                    handle(request);
                } catch (RuntimeException | Error e) { // this thread goes on serving; the next request is handled
                    LOG.log(Level.SEVERE, "a request was not answered", e);
                }
                synchronized (waiting) {
                    request = waiting.poll();
                    if (request == null) {
                        handling = false;
                    }
                }
            }
        }
    }

    /** Reads the link, acting on everything but requests, up to the next request; ends the worker when it closes. */
    private JsonObject readUntilRequest() {
        try {
            while (true) {
                Thread.interrupted(); // a pending interrupt would close the link at the read's start
                JsonObject m = link.receive();
                switch (m.get("type").getAsString()) {
                    case "interrupt" -> {
                        LOG.fine("interrupt requested");
                        synchronized (interruptLock) {
                            // a cell received but not yet begun: it must not start (runCell keeps the flag for it)
                            interruptBeforeStart = !cellRunning && queuedCells > 0;
                        }
                        session.interrupt();
                        LOG.fine("interrupt delivered");
                    }
                    case "input_reply" -> input.answer(m.get("value").getAsString());
                    case "shutdown" -> {
                        drainOutput();
                        exitRunningHooks();
                    }
                    default -> {
                        if ("execute".equals(m.get("type").getAsString())) {
                            synchronized (interruptLock) {
                                queuedCells++;
                            }
                        }
                        return m;
                    }
                }
            }
        } catch (IOException e) {
            // the kernel went away: nothing left to serve
            exitRunningHooks();
            throw new IllegalStateException("not reached: the worker exits", e);
        }
    }

    /** How long a prompt from a thread waits for the cell to stop running beside it (see CellThreads.cellAwaits). */
    static final long INPUT_SETTLE_MILLIS = 250;

    /** A shutdown hook of the user's may run this long before the worker ends without it; the kernel waits 2 s. */
    static final long EXIT_GRACE_MILLIS = 2000;

    /**
     * Ends the worker as a Java program ends, so the user's shutdown hooks run and the files they marked
     * {@code deleteOnExit} go; a hook that hangs, or an exit already under way in a cell, holds it no longer than
     * {@link #EXIT_GRACE_MILLIS}.
     */
    private static void exitRunningHooks() {
        Thread guard = new Thread(() -> {
            try {
                Thread.sleep(EXIT_GRACE_MILLIS);
            } catch (InterruptedException e) {
                // halts at once
            }
            Runtime.getRuntime().halt(0);
        }, "juxta-exit-guard");
        guard.setDaemon(true);
        guard.start();
        System.exit(0);
    }

    private void handle(JsonObject m) {
        long id = m.get("id").getAsLong();
        String type = m.get("type").getAsString();
        JsonObject reply = replyTo(id);
        try {
            switch (type) {
                case "execute" -> {
                    try {
                        execute(m, id, reply);
                    } finally {
                        synchronized (interruptLock) {
                            cellRunning = false; // even when the cell failed in a way execute does not catch
                        }
                    }
                }
                case "complete" -> reply.add("content", session.complete(m.get("code").getAsString(), m.get("cursor").getAsInt()));
                case "inspect" -> reply.add("content", session.inspect(m.get("code").getAsString(), m.get("cursor").getAsInt()));
                case "is_complete" -> reply.add("content", session.isComplete(m.get("code").getAsString()));
                default -> reply.add("content", error(CellError.of("UnknownRequest", type)));
            }
        } catch (OutOfMemoryError e) {
            reply.add("content", error(CellError.of("OutOfMemoryError", "the Java heap is full")));
        } catch (RuntimeException | Error e) { // an Error too: the thread serves the next request, this one is answered
            LOG.log(Level.SEVERE, type + " failed", e);
            reply.add("content", error(ErrorFormatter.internal("the Java session", e)));
        }
        try {
            link.send(reply);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "reply not sent", e);
        } catch (RuntimeException | OutOfMemoryError e) { // the reply could not be made: say so, or the cell never ends
            LOG.log(Level.SEVERE, "reply not sent", e);
            JsonObject instead = replyTo(id);
            instead.add("content", error(CellError.of(e.getClass().getSimpleName(),
                    "the cell's reply could not be sent (" + e.getMessage() + ")")));
            try {
                link.send(instead);
            } catch (IOException | RuntimeException | OutOfMemoryError again) {
                LOG.log(Level.SEVERE, "no reply sent", again);
            }
        }
    }

    private static JsonObject replyTo(long id) {
        JsonObject reply = new JsonObject();
        reply.addProperty("type", "reply");
        reply.addProperty("id", id);
        return reply;
    }

    private void execute(JsonObject m, long id, JsonObject reply) {
        currentId = id;
        pages.clear();
        input.allow(m.get("allow_stdin").getAsBoolean());
        JsonObject content;
        synchronized (interruptLock) {
            queuedCells--;
            if (!interruptBeforeStart) {
                session.clearInterrupt(); // an interrupt from before this cell was received is not for it
            }
            interruptBeforeStart = false;
            cellRunning = true;
        }
        try {
            MimeBundle result = session.runCell(m.get("code").getAsString(), m.get("count").getAsInt());
            content = new JsonObject();
            content.addProperty("status", "ok");
            if (result != null) {
                JsonObject r = new JsonObject();
                r.add("data", FrameChannel.gson().toJsonTree(result.data()));
                r.add("metadata", FrameChannel.gson().toJsonTree(result.metadata()));
                reply.add("result", r);
            }
        } catch (CellError e) {
            content = error(e);
        } catch (OutOfMemoryError e) {
            content = error(new CellError("OutOfMemoryError", String.valueOf(e.getMessage()),
                    List.of("\u001b[0;31mOutOfMemoryError\u001b[0m: " + e.getMessage()
                            + " (raise the worker's -Xmx with `install --jvm-opt -Xmx8g`, or free memory)")));
        }
        System.out.flush();
        drainOutput();
        if (!pages.isEmpty()) {
            com.google.gson.JsonArray payload = new com.google.gson.JsonArray();
            for (String all : pages) {
                String text = all.length() <= JavaSession.MAX_OUTPUT_CHARS / 4 ? all
                        : JavaSession.head(all, JavaSession.MAX_OUTPUT_CHARS / 4) + "\n[cut: the text is " + all.length() + " characters]";
                JsonObject page = new JsonObject();
                page.addProperty("source", "page");
                JsonObject data = new JsonObject();
                data.addProperty("text/plain", text);
                page.add("data", data);
                page.addProperty("start", 0);
                payload.add(page);
            }
            content.add("payload", payload);
        }
        reply.add("content", content);
    }

    @Override
    public void page(String text) {
        pages.add(text);
    }

    private static JsonObject error(CellError e) {
        JsonObject c = new JsonObject();
        c.addProperty("status", "error");
        c.addProperty("ename", cut(e.ename()));
        c.addProperty("evalue", cut(e.evalue()));
        // an exception's message can be any size (30 MB ran the kernel out of heap and lost the reply): each line is cut
        c.add("traceback", FrameChannel.gson().toJsonTree(e.traceback().stream().limit(2000).map(Worker::cut).toList()));
        return c;
    }

    private static String cut(String text) {
        int max = JavaSession.MAX_RESULT_CHARS;
        return text == null || text.length() <= max ? text
                : JavaSession.head(text, max) + "… [" + String.format(java.util.Locale.ROOT, "%,d", text.length()) + " characters]";
    }

    private void drainOutput() {
        stdout.drain();
        stderr.drain();
    }

    private void startFlusher(CellOutput output) {
        Thread t = new Thread(() -> {
            link.sendDirectlyFromThisThread();
            while (output.awaitAndFlush()) {
                // each round sends what is due
            }
        }, "juxta-flush");
        t.setDaemon(true);
        t.start();
    }

    private void announceExit() {
        try {
            System.out.flush();
            drainOutput();
            JsonObject m = new JsonObject();
            m.addProperty("type", "exiting");
            link.send(m);
        } catch (IOException | RuntimeException e) {
            // the kernel notices the exit anyway
        }
    }

    // ---- Outbox ----

    private void send(JsonObject m) {
        m.addProperty("id", currentId);
        try {
            link.send(m);
        } catch (IOException e) {
            LOG.log(Level.FINE, "link closed", e);
        }
    }

    @Override
    public void stream(String name, String text) {
        JsonObject m = new JsonObject();
        m.addProperty("type", "stream");
        m.addProperty("name", name);
        m.addProperty("text", text);
        send(m);
    }

    @Override
    public void display(MimeBundle bundle, String displayId, boolean update) {
        System.out.flush();
        drainOutput(); // keep the order in which the cell printed and displayed
        JsonObject content = new JsonObject();
        content.add("data", FrameChannel.gson().toJsonTree(bundle.data()));
        content.add("metadata", FrameChannel.gson().toJsonTree(bundle.metadata()));
        JsonObject transientPart = new JsonObject();
        transientPart.addProperty("display_id", displayId);
        content.add("transient", transientPart);
        JsonObject m = new JsonObject();
        m.addProperty("type", "display");
        m.add("content", content);
        m.addProperty("update", update);
        send(m);
    }

    @Override
    public void clearOutput(boolean wait) {
        System.out.flush();
        drainOutput();
        JsonObject m = new JsonObject();
        m.addProperty("type", "clear_output");
        m.addProperty("wait", wait);
        send(m);
    }

    @Override
    public void inputRequest(String prompt, boolean password) throws IOException {
        System.out.flush();
        drainOutput();
        JsonObject m = new JsonObject();
        m.addProperty("type", "input_request");
        m.addProperty("prompt", prompt);
        m.addProperty("password", password);
        // then the cell's time limit stops while the user answers
        m.addProperty("cell", CellThreads.cellAwaits(INPUT_SETTLE_MILLIS));
        m.addProperty("id", currentId);
        link.send(m);
    }

    private final class Context implements ExtensionContext {
        @Override
        public Renderers renderers() {
            return session.renderers();
        }

        @Override
        public void cellHandler(CellHandler handler) {
            session.handlers.add(handler);
        }

        @Override
        public void completer(Completer completer) {
            session.completers.add(completer);
        }

        @Override
        public void startupCode(String javaSource) {
            startupCode.add(javaSource);
        }

        @Override
        public void afterStartupCode(CellHook hook) {
            afterStartupCode.add(hook);
        }

        @Override
        public void beforeCell(CellHook hook) {
            session.beforeCell.add(hook);
        }

        @Override
        public void afterCell(CellHook hook) {
            session.afterCell.add(hook);
        }

        @Override
        public void onInterrupt(Runnable hook) {
            session.onInterrupt.add(hook);
        }

        @Override
        public Session session() {
            return session;
        }
    }

    /** Jupyter may signal the whole process group; only the kernel JVM acts on SIGINT. */
    @SuppressWarnings("restriction")
    private static void ignoreInterruptSignal() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException | LinkageError e) {
            LOG.log(Level.FINE, "SIGINT not ignored", e);
        }
    }

    private static void setUpLogging() {
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) {
            root.removeHandler(h); // the console handler would write into the user's cell output
        }
        try {
            FileHandler fh = new FileHandler("%t/juxta-worker-%u.log", 2_000_000, 1, false);
            fh.setFormatter(new SimpleFormatter());
            root.addHandler(fh);
        } catch (IOException e) {
            // without a log file, internal problems still reach the user as messages
        }
    }
}
