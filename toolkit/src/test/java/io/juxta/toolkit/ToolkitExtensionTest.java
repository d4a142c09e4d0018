package io.juxta.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.kernel.api.CellHandler;
import io.juxta.kernel.api.CellHook;
import io.juxta.kernel.api.Completer;
import io.juxta.kernel.api.ExtensionContext;
import io.juxta.kernel.api.MimeBundle;
import io.juxta.kernel.api.Renderer;
import io.juxta.kernel.api.Renderers;
import io.juxta.kernel.api.Session;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class ToolkitExtensionTest {
    /** A registry that keeps renderers by exact type. */
    private static final class RecordingRenderers implements Renderers {
        final Map<Class<?>, Renderer<?>> byType = new LinkedHashMap<>();

        @Override
        public <T> void register(Class<T> type, Renderer<? super T> renderer) {
            byType.put(type, renderer);
        }

        @Override
        @SuppressWarnings("unchecked")
        public MimeBundle render(Object value) {
            for (Class<?> type = value.getClass(); type != null; type = type.getSuperclass()) {
                Renderer<Object> renderer = (Renderer<Object>) byType.get(type);
                if (renderer != null) {
                    try {
                        return renderer.render(value);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }
            }
            return MimeBundle.text(String.valueOf(value));
        }
    }

    /** Records what the extension adds; the session is a stand-in that no test calls. */
    private static final class RecordingContext implements ExtensionContext {
        final RecordingRenderers renderers = new RecordingRenderers();
        final List<String> startupCode = new ArrayList<>();
        final Session session = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(),
                new Class<?>[] {Session.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });

        @Override
        public Renderers renderers() {
            return renderers;
        }

        @Override
        public void cellHandler(CellHandler handler) {}

        @Override
        public void completer(Completer completer) {}

        @Override
        public void startupCode(String javaSource) {
            startupCode.add(javaSource);
        }

        @Override
        public void afterStartupCode(CellHook hook) {}

        @Override
        public void beforeCell(CellHook hook) {}

        @Override
        public void afterCell(CellHook hook) {}

        @Override
        public void onInterrupt(Runnable hook) {}

        @Override
        public Session session() {
            return session;
        }
    }

    @AfterEach
    void forgetSession() {
        ToolkitSession.set(null);
    }

    @Test
    void registersRenderersForChartsImagesTablesAndBundles() {
        RecordingContext context = new RecordingContext();
        new ToolkitExtension().register(context);
        assertTrue(context.renderers.byType.keySet().containsAll(
                List.of(Chart.class, RenderedImage.class, BufferedImage.class, Table.class, MimeBundle.class)),
                context.renderers.byType.keySet().toString());
        XYChart chart = new XYChart(200, 100);
        chart.addSeries("s", new double[] {1, 2});
        assertTrue(context.renderers.render(chart).has("image/png"));
        assertTrue(context.renderers.render(Table.create("t", IntColumn.create("a", new int[] {1}))).has("text/html"));
        MimeBundle bundle = MimeBundle.text("as is");
        assertSame(bundle, context.renderers.render(bundle));
        assertSame(context.session, ToolkitSession.current().orElseThrow());
    }

    @Test
    void startupImportsNameRealClasses() throws ClassNotFoundException {
        for (String line : ToolkitExtension.IMPORTS.split("\n")) {
            String name = line.replace("import ", "").replace(";", "").trim();
            assertEquals(name, Class.forName(name).getName());
        }
    }

    @Test
    void startupImportsCompileInJShellBesideItsDefaultImports() {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            shell.addToClasspath(System.getProperty("java.class.path"));
            List<String> failures = new ArrayList<>();
            String[] snippets = {
                "import java.util.*;",
                ToolkitExtension.IMPORTS.replace("\n", " "),
                "var chart = Plots.line(new double[] {1, 2, 3});",
                "var result = Bench.create().loops(1).repeats(1).run(() -> {});",
                "List<Integer> plain = new ArrayList<>();",
                // a type reference only: JShell's local engine may join a thread the snippet starts, and a Timer's never ends
                "String timerName = Timer.class.getName();"
            };
            for (String source : snippets) {
                for (String part : source.split("(?<=;) ")) {
                    for (SnippetEvent event : shell.eval(part)) {
                        if (event.status() == Snippet.Status.REJECTED || event.exception() != null) {
                            failures.add(part + " -> " + shell.diagnostics(event.snippet())
                                    .map(d -> d.getMessage(null)).collect(Collectors.joining("; "))
                                    + (event.exception() == null ? "" : " " + event.exception()));
                        }
                    }
                }
            }
            assertEquals(List.of(), failures);
            String timerName = shell.variables().filter(v -> v.name().equals("timerName")).map(shell::varValue)
                    .findFirst().orElseThrow();
            assertEquals("\"java.util.Timer\"", timerName);
        }
    }
}
