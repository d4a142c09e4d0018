package io.juxta.kernel.api;

/** The renderer registry: the most specific registered type of a value wins. */
public interface Renderers {
    <T> void register(Class<T> type, Renderer<? super T> renderer);

    /** Renders any value: a registered renderer, else JShell-style text. Never throws. */
    MimeBundle render(Object value);
}
