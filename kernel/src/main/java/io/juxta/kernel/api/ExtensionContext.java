package io.juxta.kernel.api;

/** What an extension may add to a session. */
public interface ExtensionContext {
    /** Renderers turn cell values into MIME bundles; register by type. */
    Renderers renderers();

    /** Claims cells before they are run as Java (magics). The first handler that accepts a cell runs it. */
    void cellHandler(CellHandler handler);

    /** Adds completions (for example magic names) to JShell's. */
    void completer(Completer completer);

    /** Java source evaluated when the session starts, for example imports. */
    void startupCode(String javaSource);

    /**
     * Runs once, after every extension's startup code and before the session is ready: for startup code computed
     * from the others' (the cell argument is empty). What it evaluates counts as startup code.
     */
    void afterStartupCode(CellHook hook);

    /** Runs before every cell, on the thread that runs the cell. */
    void beforeCell(CellHook hook);

    /** Runs after every cell, also when the cell failed. */
    void afterCell(CellHook hook);

    /** Runs when the user interrupts a cell, on a thread other than the cell's. */
    void onInterrupt(Runnable hook);

    /** The session, for hooks that need it outside a cell. */
    Session session();
}
