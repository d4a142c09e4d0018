package io.juxta.kernel.api;

import java.util.List;

/**
 * An error to show the user as it is: a compile error, an exception thrown by their code, or a
 * magic's usage message. {@code traceback} holds the lines shown in the notebook.
 */
public class CellError extends Exception {
    /** The ename of Java that does not compile, which magics may recognise (a session's eval reports it). */
    public static final String COMPILATION_ERROR = "CompilationError";

    private final String ename;
    private final String evalue;
    private final List<String> traceback;

    public CellError(String ename, String evalue, List<String> traceback) {
        super(ename + ": " + evalue, null, false, false);
        this.ename = ename;
        this.evalue = evalue;
        this.traceback = List.copyOf(traceback);
    }

    /** A message-only error, for example a magic's bad argument. */
    public static CellError of(String ename, String message) {
        return new CellError(ename, message, List.of(ename + ": " + message));
    }

    public String ename() {
        return ename;
    }

    public String evalue() {
        return evalue;
    }

    public List<String> traceback() {
        return traceback;
    }
}
