package io.juxta.magics.output;

import io.juxta.kernel.Notebook;
import io.juxta.kernel.api.CellError;
import io.juxta.kernel.api.MimeBundle;
import io.juxta.kernel.api.Renderers;
import io.juxta.kernel.api.Session;
import io.juxta.magics.Invocation;
import io.juxta.magics.spec.UsageException;
import io.juxta.toolkit.ToolkitSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jshell.JShell;

/**
 * {@code %%capture}: runs the body against a session whose streams and displays are recorded,
 * and swaps {@code System.out}/{@code System.err} meanwhile because Java code prints there.
 */
final class CaptureMagic {
    private static final AtomicLong HANDOFF_IDS = new AtomicLong();

    Object run(Invocation call) throws CellError {
        String name = call.args().positional("name");
        if (name != null && !OutputMagics.isJavaIdentifier(name)) {
            throw new UsageException("'" + name + "' is not a Java variable name");
        }
        boolean captureOut = !call.args().flag("no-stdout");
        boolean captureErr = !call.args().flag("no-stderr");
        boolean captureDisplay = !call.args().flag("no-display");
        Session real = call.session();
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream out = captureOut ? new PrintStream(outBytes, true, StandardCharsets.UTF_8) : real.out();
        PrintStream err = captureErr ? new PrintStream(errBytes, true, StandardCharsets.UTF_8) : real.err();
        List<Map<String, Object>> outputs = new ArrayList<>();
        RecordingSession recording = new RecordingSession(real, out, err, captureDisplay ? outputs : null);

        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        if (captureOut) {
            System.setOut(out);
        }
        if (captureErr) {
            System.setErr(err);
        }
        Object value;
        // Java code displays through the static Notebook API, and the toolkit's helpers (fit's progress bar) through
        // ToolkitSession: both must see the recorder too
        Session toolkitSession = ToolkitSession.current().orElse(null);
        ToolkitSession.set(recording);
        try (Notebook.Redirect ignored = Notebook.redirect(recording)) {
            value = call.cells().runWith(call.body(), recording);
        } finally {
            ToolkitSession.set(toolkitSession);
            System.setOut(systemOut);
            System.setErr(systemErr);
            out.flush();
            err.flush();
        }
        if (value != Session.NO_VALUE && value != null) {
            if (captureDisplay) {
                outputs.add(Map.copyOf(real.renderers().render(value).data()));
            } else {
                real.display(value);
            }
        }
        if (name != null) {
            Map<String, Object> captured = new LinkedHashMap<>();
            captured.put("stdout", outBytes.toString(StandardCharsets.UTF_8));
            captured.put("stderr", errBytes.toString(StandardCharsets.UTF_8));
            captured.put("outputs", List.copyOf(outputs));
            storeVariable(real, name, captured);
        }
        return Session.NO_VALUE;
    }

    /** Hands a JDK-typed value to the session through the system properties, the one map both sides share. */
    static void storeVariable(Session session, String name, Map<String, Object> value) throws CellError {
        String key = "juxta.capture." + HANDOFF_IDS.incrementAndGet();
        System.getProperties().put(key, value);
        try {
            session.eval("@SuppressWarnings(\"unchecked\") java.util.Map<String, Object> " + name
                    + " = (java.util.Map<String, Object>) System.getProperties().remove(\"" + key + "\");");
        } finally {
            System.getProperties().remove(key);
        }
    }

    /** A session that writes to capture streams and records displays. */
    private static final class RecordingSession implements Session {
        private static final String CAPTURED_ID = "captured-";
        private final Session real;
        private final PrintStream out;
        private final PrintStream err;
        private final List<Map<String, Object>> outputs;

        RecordingSession(Session real, PrintStream out, PrintStream err, List<Map<String, Object>> outputs) {
            this.real = real;
            this.out = out;
            this.err = err;
            this.outputs = outputs;
        }

        @Override
        public List<String> imports() {
            return real.imports();
        }

        @Override
        public Object eval(String javaSource) throws CellError {
            return real.eval(javaSource);
        }

        @Override
        public CellError errorOf(Throwable thrown) {
            return real.errorOf(thrown); // %timeit's failing code keeps its frames under %%capture too
        }

        @Override
        public String display(Object value) {
            return outputs == null ? real.display(value) : display(real.renderers().render(value));
        }

        @Override
        public String display(MimeBundle bundle) {
            if (outputs == null) {
                return real.display(bundle);
            }
            outputs.add(Map.copyOf(bundle.data()));
            return CAPTURED_ID + outputs.size();
        }

        @Override
        public void updateDisplay(String displayId, Object value) {
            if (outputs == null) {
                real.updateDisplay(displayId, value);
                return;
            }
            // an update replaces the recorded output, as it replaces the shown one
            int index = displayId.startsWith(CAPTURED_ID) ? parseIndex(displayId.substring(CAPTURED_ID.length())) : -1;
            if (index >= 0 && index < outputs.size()) {
                outputs.set(index, Map.copyOf(real.renderers().render(value).data()));
            }
        }

        private static int parseIndex(String digits) {
            try {
                return Integer.parseInt(digits) - 1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        @Override
        public void clearOutput(boolean wait) {
            if (outputs == null) {
                real.clearOutput(wait);
            }
        }

        @Override
        public PrintStream out() {
            return out;
        }

        @Override
        public PrintStream err() {
            return err;
        }

        @Override
        public String readLine(String prompt, boolean password) {
            return real.readLine(prompt, password);
        }

        @Override
        public JShell jshell() {
            return real.jshell();
        }

        @Override
        public void addToClasspath(String path) {
            real.addToClasspath(path);
        }

        @Override
        public Renderers renderers() {
            return real.renderers();
        }

        @Override
        public int executionCount() {
            return real.executionCount();
        }

        @Override
        public boolean interruptRequested() {
            return real.interruptRequested();
        }
    }
}
