package io.juxta.kernel;

import io.juxta.kernel.api.MimeBundle;
import io.juxta.kernel.api.Session;

/**
 * What a cell calls to talk to the notebook. Statically imported in every session:
 * {@code display(chart)}, {@code display("<b>hi</b>", "text/html")}, {@code updateDisplay(id, v)}.
 */
public final class Notebook {
    private static volatile Session session;

    private Notebook() {
    }

    /** Set by the worker when the session starts. */
    public static void attach(Session s) {
        session = s;
    }

    /** Undoes a {@link #redirect}. */
    public interface Redirect extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Sends what cells show through {@code s} until the returned scope closes: for magics such as
     * {@code %%capture} that record a cell's displays instead of showing them.
     */
    public static Redirect redirect(Session s) {
        Session previous = session; // null outside a notebook, e.g. in a unit test
        session = s;
        return () -> session = previous;
    }

    /** The running session, for helpers that display or read input. */
    public static Session session() {
        Session s = session;
        if (s == null) {
            throw new IllegalStateException("not running inside a Juxta notebook session");
        }
        return s;
    }

    /** Shows a value now; the handle updates it in place later. */
    public static DisplayHandle display(Object value) {
        return new DisplayHandle(session().display(value));
    }

    /** Shows content as the given MIME types, e.g. {@code display(svgText, "image/svg+xml")}. */
    public static DisplayHandle display(Object value, String... mimeTypes) {
        if (mimeTypes.length == 0) {
            return display(value);
        }
        MimeBundle bundle = new MimeBundle();
        MimeBundle rendered = session().renderers().render(value);
        for (String type : mimeTypes) {
            if (type == null || !type.matches("[\\w.+-]+/[\\w.+-]+")) {
                throw new IllegalArgumentException("display: '" + type + "' is not a MIME type (like \"text/html\" or \"image/svg+xml\")");
            }
            if (rendered.has(type)) {
                bundle.put(type, rendered.get(type));
            } else if (value instanceof CharSequence text) {
                bundle.put(type, text.toString()); // the content itself, as text: display(svgText, "image/svg+xml")
            } else if (type.equals("application/json") && (value instanceof java.util.Map<?, ?> || value instanceof java.util.List<?>
                    || value instanceof Number || value instanceof Boolean)) {
                try {
                    io.juxta.kernel.link.FrameChannel.gson().toJsonTree(value); // what sending it will do
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("display: this " + value.getClass().getSimpleName()
                            + " cannot be sent as JSON (" + e.getMessage() + "); give the JSON text instead", e);
                }
                bundle.put(type, value); // sent as JSON, not as its toString
            } else {
                throw new IllegalArgumentException("display: a " + (value == null ? "null" : value.getClass().getSimpleName())
                        + " is not shown as " + type + "; it can be shown as " + String.join(", ", rendered.data().keySet())
                        + " (or pass the content itself as text)");
            }
        }
        if (!bundle.has("text/plain")) {
            bundle.put("text/plain", String.valueOf(rendered.get("text/plain")));
        }
        return new DisplayHandle(session().display(bundle));
    }

    public static void updateDisplay(String displayId, Object value) {
        session().updateDisplay(displayId, value);
    }

    /** Shows text in the pager, the panel where help appears. */
    public static void page(Object text) {
        session().page(String.valueOf(text));
    }

    public static void clearOutput() {
        session().clearOutput(false);
    }

    public static MimeBundle html(String html) {
        if (html == null) {
            throw new IllegalArgumentException("html(null): give it the HTML to show (a notebook cannot hold a null output)");
        }
        return new MimeBundle().put("text/html", html).put("text/plain", html);
    }

    public static MimeBundle markdown(String markdown) {
        if (markdown == null) {
            throw new IllegalArgumentException("markdown(null): give it the Markdown to show (a notebook cannot hold a null output)");
        }
        return new MimeBundle().put("text/markdown", markdown).put("text/plain", markdown);
    }

    /** Asks the user for a line in the front end. */
    public static String readLine(String prompt) {
        return session().readLine(prompt, false);
    }

    public static String readPassword(String prompt) {
        return session().readLine(prompt, true);
    }
}
