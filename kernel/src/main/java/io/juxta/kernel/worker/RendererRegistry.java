package io.juxta.kernel.worker;

import io.juxta.kernel.api.MimeBundle;
import io.juxta.kernel.api.Renderer;
import io.juxta.kernel.api.Renderers;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.imageio.ImageIO;

/** Renderers by type: the value's class, then its superclasses and interfaces, nearest first. */
final class RendererRegistry implements Renderers {
    private static final Logger LOG = Logger.getLogger(RendererRegistry.class.getName());
    private final Map<Class<?>, Renderer<Object>> byType = new ConcurrentHashMap<>();
    private final Map<Class<?>, Renderer<Object>> resolved = new ConcurrentHashMap<>();

    RendererRegistry() {
        register(MimeBundle.class, b -> b);
        register(RenderedImage.class, RendererRegistry::png);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> void register(Class<T> type, Renderer<? super T> renderer) {
        byType.put(type, (Renderer<Object>) renderer);
        resolved.clear();
    }

    @Override
    public MimeBundle render(Object value) {
        return render(value, null);
    }

    /** Renders with a renderer if one fits; text/plain falls back to {@code plainText} or toString. */
    MimeBundle render(Object value, String plainText) {
        MimeBundle bundle = null;
        if (value != null) {
            Renderer<Object> r = find(value.getClass());
            if (r != null) {
                try {
                    bundle = r.render(value);
                } catch (Exception | LinkageError e) {
                    LOG.log(Level.WARNING, "renderer for " + value.getClass().getName() + " failed", e);
                    // said where the user looks, or a chart that cannot be drawn shows as XYChart@5baba73c, unexplained
                    System.err.println("Could not show the " + ThrowableText.userNames(value.getClass().getSimpleName())
                            + " (" + ThrowableText.headline(e) + "); its text is shown instead.");
                    bundle = null;
                }
            }
        }
        if (bundle == null) {
            bundle = new MimeBundle();
        }
        if (!bundle.has("text/plain")) {
            bundle.put("text/plain", plainText != null ? plainText : safeToString(value));
        }
        return bundle;
    }

    private Renderer<Object> find(Class<?> type) {
        Renderer<Object> r = resolved.get(type);
        if (r != null) {
            return r;
        }
        // breadth-first over superclasses and interfaces: the nearest registered type wins
        Deque<Class<?>> queue = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        queue.add(type);
        while (!queue.isEmpty()) {
            Class<?> c = queue.poll();
            if (!seen.add(c)) {
                continue;
            }
            r = byType.get(c);
            if (r != null) {
                resolved.put(type, r);
                return r;
            }
            if (c.getSuperclass() != null) {
                queue.add(c.getSuperclass());
            }
            queue.addAll(java.util.List.of(c.getInterfaces()));
        }
        return null;
    }

    static String safeToString(Object value) {
        if (value == null) {
            return "null";
        }
        try {
            if (value.getClass().isArray()) {
                return arrayText(value, new StringBuilder()).toString();
            }
            return String.valueOf(String.valueOf(value)); // a toString that returns null prints as "null"
        } catch (RuntimeException e) {
            // a cell's class is named within JShell's wrapper (REPL.$JShell$12$Point): the user wrote Point
            return typeName(value.getClass()) + " (toString failed: " + e + ")";
        }
    }

    /** At most this many elements of an array are written out (a magic's preview of a value needs far fewer). */
    static final int MAX_ARRAY_ELEMENTS = 10_000;

    /**
     * An array as JShell shows one, {@code float[2] { 1.0, NaN }}, nested arrays too ({@code int[2][] { int[2] { 1, 2 },
     * ... }}), strings and chars quoted and escaped as JShell does, a cell's class by the name the user gave it:
     * for values shown without JShell's text (a magic's result, a %%compare column), instead of {@code [F@2ac564ed}.
     */
    static StringBuilder arrayText(Object array, StringBuilder out) {
        int length = java.lang.reflect.Array.getLength(array);
        String type = array.getClass().getComponentType().getSimpleName();
        int brackets = type.indexOf('[');
        String element = brackets < 0 ? type : type.substring(0, brackets);
        out.append(ThrowableText.userNames(element)).append('[').append(length).append(']')
                .append(brackets < 0 ? "" : type.substring(brackets)).append(" {");
        for (int i = 0; i < Math.min(length, MAX_ARRAY_ELEMENTS); i++) {
            out.append(i == 0 ? " " : ", ");
            Object e = java.lang.reflect.Array.get(array, i);
            if (e != null && e.getClass().isArray()) {
                arrayText(e, out);
            } else if (e instanceof CharSequence || e instanceof Character) {
                out.append(CapturingExecutionControl.text(e instanceof Character ? e : e.toString()));
            } else {
                out.append(e == null ? "null" : safeToString(e));
            }
        }
        if (length > MAX_ARRAY_ELEMENTS) {
            out.append(", … (").append(length - MAX_ARRAY_ELEMENTS).append(" more)");
        }
        return out.append(length == 0 ? "  }" : " }"); // JShell writes an empty one "int[0] {  }"
    }

    /**
     * An anonymous class is named by what it extends or implements ("anonymous Runnable"), not by the name JShell
     * gave it ({@code $JShell$anonymous$$0}, or {@code $JShell$12$1} in a method).
     */
    static String typeName(Class<?> c) {
        if (c.isAnonymousClass() || c.getSimpleName().startsWith("$JShell$anonymous$")) {
            Class<?> shown = c.getInterfaces().length > 0 ? c.getInterfaces()[0] : c.getSuperclass();
            return "anonymous " + ThrowableText.userNames(shown.getName()).replaceFirst("^java\\.lang\\.", "");
        }
        return ThrowableText.userNames(c.getName());
    }

    static MimeBundle png(RenderedImage image) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("width", image.getWidth());
        meta.put("height", image.getHeight());
        return new MimeBundle()
                .put("image/png", Base64.getEncoder().encodeToString(out.toByteArray()))
                .meta("image/png", meta)
                .put("text/plain", "<image " + image.getWidth() + "x" + image.getHeight() + ">");
    }
}
