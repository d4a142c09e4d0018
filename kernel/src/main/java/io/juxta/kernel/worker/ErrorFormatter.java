package io.juxta.kernel.worker;

import io.juxta.kernel.api.CellError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Turns JShell's diagnostics and exceptions into errors in the user's terms: cell and line, the
 * offending line with a caret, and stack frames of the user's own code only.
 */
final class ErrorFormatter {
    private static final String RED = "\u001b[0;31m";
    private static final String CYAN = "\u001b[0;36m";
    private static final String RESET = "\u001b[0m";

    /** Where a snippet came from: the cell's execution count and the snippet's first line in it. */
    record Origin(int count, int firstLine) {}

    private final Map<String, Origin> origins = new ConcurrentHashMap<>();

    void remember(String snippetId, int count, int firstLine) {
        origins.put(snippetId, new Origin(count, firstLine));
    }

    /** A compile error at {@code position} (a char offset in {@code cell}). */
    CellError compileError(String cell, int count, List<Diag> diags, int snippetOffset) {
        List<String> tb = new ArrayList<>();
        Diag first = diags.get(0);
        String message = cleanMessage(first.getMessage(Locale.ROOT));
        for (Diag d : diags) {
            if (!d.isError()) {
                continue;
            }
            long pos = d.getPosition() >= 0 ? d.getPosition() : d.getStartPosition();
            int offset = (int) Math.max(0, Math.min(cell.length(), snippetOffset + Math.max(0, pos)));
            int line = lineOf(cell, offset);
            int lineStart = cell.lastIndexOf('\n', offset - 1) + 1;
            int lineEnd = cell.indexOf('\n', offset);
            String text = cell.substring(lineStart, lineEnd < 0 ? cell.length() : lineEnd);
            int column = offset - lineStart + 1;
            tb.add(RED + "Compile error" + RESET + " in " + CYAN + "In [" + count + "]" + RESET + ", line " + line
                    + ", column " + column + ":");
            tb.add("    " + text.stripTrailing());
            tb.add("    " + " ".repeat(Math.max(0, column - 1)) + "^");
            for (String m : cleanMessage(d.getMessage(Locale.ROOT)).split("\n")) {
                tb.add(m);
            }
        }
        return new CellError("CompilationError", message, tb);
    }

    /** JShell prefixes some messages with its own wrapper names: keep the user's words. */
    static String cleanMessage(String m) {
        return m.replace("REPL.", "").replaceAll("\\$JShell\\$\\d+\\.?", "")
                .replaceAll("\n\\s*location: class\\s*$", "").replaceAll("\n\\s*location: class\\s*\n", "\n");
    }

    /** An exception thrown by the user's code. */
    CellError runtimeError(JShellException e) {
        if (e instanceof UnresolvedReferenceException u) {
            String what = u.getSnippet().source().strip();
            String msg = "this code uses a method or class that is not defined yet: define it in a cell, then run again ("
                    + firstLine(what) + ")";
            return new CellError("UnresolvedReference", msg, List.of(RED + "UnresolvedReference" + RESET + ": " + msg));
        }
        EvalException ex = (EvalException) e;
        String type = ex.getExceptionClassName();
        String message = ex.getMessage();
        List<String> tb = new ArrayList<>();
        tb.add(RED + type + RESET + (message == null ? "" : ": " + message));
        frames(ex, tb);
        Throwable cause = ex.getCause();
        int depth = 0;
        while (cause != null && depth++ < 10) {
            String ctype = cause instanceof EvalException ce ? ce.getExceptionClassName() : cause.getClass().getName();
            tb.add("Caused by: " + ctype + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            frames(cause, tb);
            cause = cause.getCause();
        }
        return new CellError(type, message == null ? "" : message, tb);
    }

    /**
     * Library frames above the user's code are kept; everything below the last user frame is
     * Juxta's or JShell's. A call into Juxta shows as one line naming the method the user called,
     * with nothing of what it called in turn.
     */
    private void frames(Throwable t, List<String> out) {
        StackTraceElement[] st = t.getStackTrace();
        int firstUser = -1;
        int lastUser = -1;
        for (int i = 0; i < st.length; i++) {
            if (isUserFrame(st[i])) {
                firstUser = firstUser < 0 ? i : firstUser;
                lastUser = i;
            }
        }
        int from = 0;
        if (firstUser > 0 && isJuxtaFrame(st[firstUser - 1])) {
            from = firstUser - 1;
            while (from > 0 && isJuxtaFrame(st[from - 1])) {
                from--;
            }
        }
        for (int i = from; i <= lastUser; i++) {
            if (!isJuxtaFrame(st[i])) {
                out.add("    at " + describe(st[i]));
            } else if (i == lastUser || !isJuxtaFrame(st[i + 1])) {
                out.add("    at " + st[i].getClassName() + "." + st[i].getMethodName() + " (Juxta)");
            }
        }
    }

    private static boolean isJuxtaFrame(StackTraceElement f) {
        return f.getClassName() != null && f.getClassName().startsWith("io.juxta.") && !isUserFrame(f);
    }

    private static boolean isUserFrame(StackTraceElement f) {
        return f.getFileName() != null && f.getFileName().startsWith("#");
    }

    private String describe(StackTraceElement f) {
        if (!isUserFrame(f)) {
            return f.toString();
        }
        String method = f.getMethodName() == null || f.getMethodName().isEmpty() || f.getMethodName().equals("do_it$")
                ? "<cell>" : f.getMethodName();
        String cls = f.getClassName() == null || f.getClassName().isEmpty() ? "" : cleanMessage(f.getClassName()) + ".";
        String id = f.getFileName().substring(1).replaceAll(":.*", "");
        Origin o = origins.get(id);
        if (o == null) {
            return cls + method + "(snippet " + id + ", line " + f.getLineNumber() + ")";
        }
        return cls + method + "(" + CYAN + "In [" + o.count() + "]" + RESET + ", line " + (o.firstLine() + f.getLineNumber() - 1) + ")";
    }

    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " …";
    }

    /** A throwable that escaped from Juxta or an extension: its type and message, no internal frames. */
    static CellError internal(String where, Throwable t) {
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        String ename = t.getClass().getSimpleName();
        return new CellError(ename, msg, List.of(RED + ename + RESET + " in " + where + ": " + msg));
    }
}
