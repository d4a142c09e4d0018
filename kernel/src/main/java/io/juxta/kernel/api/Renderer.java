package io.juxta.kernel.api;

/** Turns a value of one type into a MIME bundle. */
@FunctionalInterface
public interface Renderer<T> {
    /** Renders the value; {@code text/plain} is added by the kernel when missing. */
    MimeBundle render(T value) throws Exception;
}
