package io.juxta.kernel.api;

/** A plug-in of the worker: registered on the launcher's builder, loaded once per session. */
public interface Extension {
    /** A short name for logs and error messages. */
    String name();

    /** Adds this extension's renderers, handlers and hooks. */
    void register(ExtensionContext context);
}
