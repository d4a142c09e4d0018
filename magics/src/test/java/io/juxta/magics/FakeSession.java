package io.juxta.magics;

import io.juxta.kernel.api.CellError;
import io.juxta.kernel.api.MimeBundle;
import io.juxta.kernel.api.Renderer;
import io.juxta.kernel.api.Renderers;
import io.juxta.kernel.api.Session;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * A small Session for unit tests: a real JShell (local engine) that returns live values, and
 * recorded streams, displays and class path additions. Not the kernel's session.
 */
public final class FakeSession implements Session, AutoCloseable {
    private static final String VALUE_KEY = "juxta.fake.value";

    private final JShell jshell = JShell.builder().executionEngine("local").build();
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    public final List<MimeBundle> displays = new ArrayList<>();
    /** The last value each display was updated to, by display id. */
    public final java.util.Map<String, Object> updates = new java.util.HashMap<>();
    /** What interruptRequested() answers. */
    public volatile boolean interrupted;
    public final List<String> classpath = new ArrayList<>();
    public final List<String> evaluated = new ArrayList<>();
    public final Deque<String> answers = new ArrayDeque<>();
    /** False as for nbconvert or nbclient (allow_stdin false): readLine fails as the worker's does. */
    public boolean acceptsInput = true;

    private final Renderers renderers = new Renderers() {
        @Override
        public <T> void register(Class<T> type, Renderer<? super T> renderer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MimeBundle render(Object value) {
            if (value instanceof MimeBundle bundle) {
                return bundle; // as the kernel's registry renders one
            }
            return MimeBundle.text(String.valueOf(value));
        }
    };

    @Override
    public Object eval(String javaSource) throws CellError {
        evaluated.add(javaSource);
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        String remaining = javaSource;
        Object value = NO_VALUE;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.source() == null) {
                throw CellError.of(CellError.COMPILATION_ERROR, "incomplete code: " + remaining.strip());
            }
            value = evalSnippet(info.source());
            remaining = info.remaining();
        }
        return value;
    }

    private Object evalSnippet(String source) throws CellError {
        List<Snippet> parsed = jshell.sourceCodeAnalysis().sourceToSnippets(source);
        boolean expression = parsed.size() == 1 && (parsed.get(0).kind() == Snippet.Kind.EXPRESSION
                || parsed.get(0).subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
        String code = expression ? "System.getProperties().put(\"" + VALUE_KEY + "\", (Object) (" + strip(source) + "));" : source;
        System.getProperties().remove(VALUE_KEY);
        for (SnippetEvent event : jshell.eval(code)) {
            if (event.exception() != null) {
                throw CellError.of(event.exception().getClass().getSimpleName(), String.valueOf(event.exception().getMessage()));
            }
            if (event.status() == Snippet.Status.REJECTED) {
                String diagnostics = jshell.diagnostics(event.snippet()).map(d -> d.getMessage(null)).collect(Collectors.joining("; "));
                throw CellError.of(CellError.COMPILATION_ERROR, diagnostics);
            }
            if (event.causeSnippet() == null && event.snippet().subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                jshell.drop(event.snippet()); // as the real session: eval keeps nothing of a value
            }
        }
        if (!expression) {
            return NO_VALUE;
        }
        return System.getProperties().get(VALUE_KEY);
    }

    private static String strip(String source) {
        String s = source.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public String display(Object value) {
        return display(renderers.render(value));
    }

    @Override
    public String display(MimeBundle bundle) {
        displays.add(bundle);
        return "display-" + displays.size();
    }

    @Override
    public void updateDisplay(String displayId, Object value) {
        updates.put(displayId, value);
    }

    @Override
    public void clearOutput(boolean wait) {
    }

    @Override
    public PrintStream out() {
        return out;
    }

    @Override
    public PrintStream err() {
        return err;
    }

    public String stdout() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    public String stderr() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String readLine(String prompt, boolean password) {
        if (!acceptsInput) {
            throw new UnsupportedOperationException("This front end does not accept input (allow_stdin is false); "
                    + "pass the value in the cell instead."); // as the worker's System.in says it
        }
        out.print(prompt);
        return answers.poll();
    }

    @Override
    public List<String> imports() {
        return jshell.imports().map(imp -> imp.source().strip()).toList();
    }

    @Override
    public JShell jshell() {
        return jshell;
    }

    @Override
    public void addToClasspath(String path) {
        classpath.add(path);
        jshell.addToClasspath(path);
    }

    @Override
    public Renderers renderers() {
        return renderers;
    }

    @Override
    public int executionCount() {
        return 1;
    }

    @Override
    public boolean interruptRequested() {
        return interrupted;
    }

    @Override
    public void close() {
        jshell.close();
    }
}
