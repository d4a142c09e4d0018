package io.juxta.kernel.api;

import java.io.PrintStream;
import java.util.List;
import jdk.jshell.JShell;

/** The running Java session, as a cell handler or hook sees it. */
public interface Session {
    /** The value of a cell that has none (a declaration, a statement, a void call). */
    Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "NO_VALUE";
        }
    };

    /**
     * Evaluates Java source exactly as a cell would: any mix of imports, declarations and
     * statements. Returns the value of a trailing expression, or {@link #NO_VALUE}. The session keeps
     * nothing of that value: JShell's {@code $N} variable for it is dropped once it is read.
     *
     * @throws CellError a compile error or an exception thrown by the code, ready to show
     */
    Object eval(String javaSource) throws CellError;

    /** Shows a value now, as display_data. Returns its display id, for {@link #updateDisplay}. */
    String display(Object value);

    /** Shows an already rendered bundle; with a display id it can be updated in place. */
    String display(MimeBundle bundle);

    /** Replaces what an earlier {@link #display} showed. */
    void updateDisplay(String displayId, Object value);

    /** Clears the cell's output; with wait, only when new output arrives. */
    void clearOutput(boolean wait);

    /** The notebook's stdout and stderr for the current cell. */
    PrintStream out();

    PrintStream err();

    /** Asks the user for a line of input in the front end. */
    String readLine(String prompt, boolean password);

    /** JShell itself, for variables, imports and snippets. */
    JShell jshell();

    /**
     * The import statements in effect, as written: the session's defaults (which JShell is given name by name, on
     * first use) and the user's own. Prefer this to {@code jshell().imports()}, which lists only what JShell has.
     */
    List<String> imports();

    /** Adds a jar or directory to the class path of the code in cells. */
    void addToClasspath(String path);

    Renderers renderers();

    /** The execution count of the cell now running. */
    int executionCount();

    /** Whether the user has asked to interrupt the running cell. Long-running magics poll this. */
    boolean interruptRequested();

    /**
     * The help Shift+Tab shows for the name at {@code cursor} (a char index) in {@code code}: signatures and
     * documentation; null when there is none.
     */
    default String documentation(String code, int cursor) {
        return null;
    }

    /**
     * The time the session has spent running snippets since it started, not compiling them: what {@code %time}
     * reports as the code's own time. Null where the session does not know.
     */
    default RunTime runTime() {
        return null;
    }

    /**
     * Nanoseconds of wall-clock time, and of CPU time of the whole process (every thread), while snippets ran; and of
     * wall-clock time JShell's eval spent on them outside their runs, most of it compiling them with javac.
     */
    record RunTime(long wallNanos, long cpuNanos, long compileNanos) {
        public RunTime since(RunTime earlier) {
            return new RunTime(wallNanos - earlier.wallNanos, cpuNanos - earlier.cpuNanos, compileNanos - earlier.compileNanos);
        }
    }

    /**
     * An exception the user's code threw where a magic ran that code itself rather than through {@link #eval} (a
     * {@code %timeit} loop), as a cell's error shows one: its class, its message and the user's own frames.
     */
    default CellError errorOf(Throwable thrown) {
        String message = thrown.getMessage() == null ? "" : thrown.getMessage();
        return new CellError(thrown.getClass().getName(), message, List.of(thrown.getClass().getName()
                + (message.isEmpty() ? "" : ": " + message)));
    }

    /** Shows text in the front end's pager (a help panel), as IPython's {@code ?} does. */
    default void page(String text) {
        out().println(text);
    }
}
