package io.juxta.kernel.worker;

import io.juxta.kernel.api.CellError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;

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

    /** The first line of a snippet the cell does not hold as written (a magic made it): its frames name the cell only. */
    static final int NO_LINE = -1;

    private final Map<String, Origin> origins = new ConcurrentHashMap<>();

    /** Where the snippet being evaluated now comes from, until JShell has given it an id; null between snippets. */
    private volatile Origin running;

    void remember(String snippetId, int count, int firstLine) {
        origins.put(snippetId, new Origin(count, firstLine));
    }

    /** The snippet about to be evaluated (count -1: none); a thread it starts may fail before {@link #remember}. */
    void running(int count, int firstLine) {
        running = count < 0 ? null : new Origin(count, firstLine);
    }

    /**
     * A compile error at {@code position} (a char offset in {@code cell}); {@code firstLine} is how many lines of
     * the notebook cell come before {@code cell} (a magic's body starts below the magic's line).
     */
    CellError compileError(String cell, int count, List<Diag> diags, int snippetOffset, int firstLine) {
        return compileError(cell, count, diags, snippetOffset, firstLine, java.util.function.LongUnaryOperator.identity());
    }

    /** The same, for diagnostics of code amended before JShell saw it: {@code toUser} maps their positions back. */
    CellError compileError(String cell, int count, List<Diag> diags, int snippetOffset, int firstLine,
                           java.util.function.LongUnaryOperator toUser) {
        List<String> tb = new ArrayList<>();
        Diag first = diags.get(0);
        String message = cleanMessage(first.getMessage(Locale.ROOT));
        String firstErrorLine = null;
        for (Diag d : diags) {
            if (!d.isError()) {
                continue;
            }
            long pos = toUser.applyAsLong(d.getPosition() >= 0 ? d.getPosition() : d.getStartPosition());
            int offset = (int) Math.max(0, Math.min(cell.length(), snippetOffset + Math.max(0, pos)));
            int line = firstLine + lineOf(cell, offset);
            int lineStart = cell.lastIndexOf('\n', offset - 1) + 1;
            int lineEnd = cell.indexOf('\n', offset);
            String text = cell.substring(lineStart, lineEnd < 0 ? cell.length() : lineEnd);
            int column = offset - lineStart + 1;
            if (firstErrorLine == null) {
                firstErrorLine = text;
            }
            tb.add(RED + "Compile error" + RESET + " in " + CYAN + "In [" + count + "]" + RESET + ", line " + line
                    + ", column " + column + ":");
            tb.add("    " + text.stripTrailing());
            tb.add("    " + " ".repeat(Math.max(0, column - 1)) + "^");
            for (String m : cleanMessage(d.getMessage(Locale.ROOT)).split("\n")) {
                if (!m.strip().startsWith("(use --enable-preview")) { // javac's advice, which a cell cannot follow
                    tb.add(m);
                }
            }
        }
        String hint = hint(firstErrorLine, diags);
        if (hint != null) {
            tb.add(hint);
        }
        return new CellError(CellError.COMPILATION_ERROR, message, tb);
    }

    /** What to do, where javac's words do not say it in a notebook's terms. */
    private static String hint(String errorLine, List<Diag> diags) {
        if (errorLine != null && errorLine.matches("\\s*package\\s+[\\w.]+\\s*;.*")) {
            // javac says only "illegal start of expression"
            return "A cell cannot declare a package (JShell keeps each cell's code in a package of its own): leave the "
                    + "package line out; to use a class of a package, compile it into a jar and add it with %classpath.";
        }
        for (Diag d : diags) {
            if (d.isError() && d.getMessage(Locale.ROOT).contains("--enable-preview")) {
                return "The kernel runs on Java " + Runtime.version().feature() + ", where this is a preview feature, "
                        + "which a cell cannot turn on: write it without the feature; a newer JDK may have it as a final "
                        + "feature (the kernel runs on the JDK whose java installed it).";
            }
        }
        return null;
    }

    /** JShell prefixes some messages with its own wrapper names: keep the user's words. */
    static String cleanMessage(String m) {
        return m.replace("REPL.", "").replaceAll("\\$JShell\\$\\d+\\.?", "")
                .replaceAll("\n\\s*location: class\\s*$", "").replaceAll("\n\\s*location: class\\s*\n", "\n");
    }

    /**
     * An exception thrown by the user's code. JShell's copy {@code e} has the frames in the user's terms (cell and
     * line); {@code thrown}, the exception itself when the engine kept it, has the rest: the suppressed exceptions
     * (which JShell drops) and where a looping cause chain comes back, which are shown as Java prints them.
     */
    CellError runtimeError(EvalException e, Throwable thrown) {
        if (thrown == null) {
            return runtimeError(e);
        }
        String type = ThrowableText.userNames(thrown.getClass().getName());
        String message = ThrowableText.userNames(ThrowableText.message(thrown));
        List<String> tb = new ArrayList<>();
        tb.add(RED + type + RESET + (message == null ? "" : ": " + message));
        frames(e.getStackTrace(), tb);
        // JShell's copies of the causes have their frames in the user's terms; the engine stops them where the chain loops
        List<StackTraceElement[]> copies = new ArrayList<>();
        for (Throwable copy = e.getCause(); copy != null && copies.size() < 10; copy = copy.getCause()) {
            copies.add(copy.getStackTrace());
        }
        causesAndSuppressed(thrown, tb, (depth, cause) -> depth < copies.size() ? copies.get(depth) : new StackTraceElement[0]);
        return new CellError(type, message == null ? "" : message, tb);
    }

    /**
     * An exception no one caught in a thread the user's code started, as Java's default handler prints it, with
     * frames in the user's terms where {@code framesOf} can give them.
     */
    String uncaught(String threadName, Throwable thrown, Function<Throwable, StackTraceElement[]> framesOf) {
        List<String> lines = new ArrayList<>();
        lines.add("Exception in thread \"" + threadName + "\" " + ThrowableText.headline(thrown));
        allFramesUnlessTheUsers(framesOf.apply(thrown), lines);
        causesAndSuppressed(thrown, lines, (depth, cause) -> framesOf.apply(cause));
        return String.join("\n", lines) + "\n";
    }

    /** An exception of the user's code that a magic ran itself (a %timeit loop), as {@link #runtimeError} shows one. */
    CellError thrownBy(Throwable thrown, Function<Throwable, StackTraceElement[]> framesOf) {
        String type = ThrowableText.userNames(thrown.getClass().getName());
        String message = ThrowableText.userNames(ThrowableText.message(thrown));
        List<String> tb = new ArrayList<>();
        tb.add(RED + type + RESET + (message == null ? "" : ": " + message));
        allFramesUnlessTheUsers(framesOf.apply(thrown), tb);
        causesAndSuppressed(thrown, tb, (depth, cause) -> framesOf.apply(cause));
        return new CellError(type, message == null ? "" : message, tb);
    }

    /** With no frame of a cell's (a library's Runnable failed in a pool), all of them, as Java prints them. */
    private void allFramesUnlessTheUsers(StackTraceElement[] st, List<String> out) {
        for (StackTraceElement f : st) {
            if (isUserFrame(f)) {
                frames(st, out);
                return;
            }
        }
        List<String> lines = new ArrayList<>();
        for (StackTraceElement f : st) {
            lines.add("    at " + ThrowableText.userNames(f.toString()));
        }
        out.addAll(foldRepeats(lines, "    "));
    }

    /** The suppressed exceptions of {@code thrown}, then each cause with its frames and suppressed ones, as Java prints them. */
    private void causesAndSuppressed(Throwable thrown, List<String> tb, BiFunction<Integer, Throwable, StackTraceElement[]> framesOf) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(thrown);
        suppressed(thrown, tb, seen);
        Throwable cause = ThrowableText.cause(thrown);
        for (int depth = 0; cause != null && depth < 10; depth++) {
            if (!seen.add(cause)) {
                tb.add("Caused by: [CIRCULAR REFERENCE: " + ThrowableText.headline(cause) + "]");
                break;
            }
            tb.add("Caused by: " + ThrowableText.headline(cause));
            frames(framesOf.apply(depth, cause), tb);
            suppressed(cause, tb, seen);
            cause = ThrowableText.cause(cause);
        }
    }

    /** Exceptions added with addSuppressed (a try-with-resources whose close also failed), as Java indents them. */
    private void suppressed(Throwable t, List<String> tb, Set<Throwable> seen) {
        for (Throwable s : t.getSuppressed()) {
            if (!seen.add(s)) {
                tb.add("    Suppressed: [CIRCULAR REFERENCE: " + ThrowableText.headline(s) + "]");
                continue;
            }
            tb.add("    Suppressed: " + ThrowableText.headline(s)); // its frames are not in the user's terms
        }
    }

    /** An exception thrown by the user's code, as JShell reports it. */
    CellError runtimeError(EvalException ex) {
        String type = ThrowableText.userNames(ex.getExceptionClassName());
        String message = ThrowableText.userNames(ex.getMessage());
        List<String> tb = new ArrayList<>();
        tb.add(RED + type + RESET + (message == null ? "" : ": " + message));
        frames(ex.getStackTrace(), tb);
        Throwable cause = ex.getCause();
        int depth = 0;
        while (cause != null && depth++ < 10) {
            String ctype = cause instanceof EvalException ce ? ce.getExceptionClassName() : cause.getClass().getName();
            tb.add("Caused by: " + ctype + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            frames(cause.getStackTrace(), tb);
            cause = cause.getCause();
        }
        return new CellError(type, message == null ? "" : message, tb);
    }

    /** "cannot be used until method g(int) is defined", for what JShell says a declaration waits for (not empty). */
    static String waitingFor(List<String> missing) {
        return "cannot be used until " + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " defined";
    }

    /**
     * A call to a declaration still waiting for a name (method f calls g, which no cell has defined): what it waits
     * for, as the note said when it was declared; its first line when JShell does not say.
     */
    CellError unresolved(String declaration, List<String> missing, String source) {
        String msg = missing.isEmpty()
                ? "this code uses a method or class that is not defined yet: define it in a cell, then run again ("
                        + firstLine(source.strip()) + ")"
                : declaration + " " + waitingFor(missing) + ": define " + (missing.size() == 1 ? "it" : "them")
                        + " in a cell, then run again";
        return new CellError("UnresolvedReference", msg, List.of(RED + "UnresolvedReference" + RESET + ": " + msg));
    }

    /**
     * Library frames above the user's code are kept; everything below the last user frame is
     * Juxta's or JShell's. A call into Juxta shows as one line naming the method the user called,
     * with nothing of what it called in turn, up to the user's own code it called back.
     */
    private void frames(StackTraceElement[] st, List<String> out) {
        String indent = "    ";
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
        } else if (firstUser > 0 && isJuxtaFrame(st[0]) && st[0].getClassName().startsWith("io.juxta.kernel.worker.")) {
            // thrown by the worker's own plumbing beneath a library call the user made (System.in read through a
            // Scanner): that call is what the user wrote; the library's frames between it and the worker are not.
            // (A Juxta API the user passed to a library, list.forEach(Ops::tensor), keeps its frames.)
            from = firstUser - 1;
        }
        // from the cell up: a call into Juxta is its entry line; what Juxta calls in turn is hidden (its own frames and
        // the JDK's it goes through, a HashMap.computeIfAbsent) until it calls the user's code back (a layer's forward)
        List<String> lines = new ArrayList<>();
        boolean insideJuxta = false;
        for (int i = lastUser; i >= from; i--) {
            if (callsVarInitializer(st, i)) {
                continue;
            }
            if (isUserFrame(st[i])) {
                insideJuxta = false;
                lines.add(indent + "at " + describe(st[i]));
            } else if (isJuxtaFrame(st[i])) {
                if (!insideJuxta) {
                    lines.add(indent + "at " + st[i].getClassName() + "." + st[i].getMethodName() + " (Juxta)");
                }
                insideJuxta = true;
            } else if (!insideJuxta) {
                lines.add(indent + "at " + describe(st[i]));
            }
        }
        java.util.Collections.reverse(lines);
        out.addAll(foldRepeats(lines, indent));
    }

    /** Runaway recursion: a frame, or a cycle of up to 4 frames, repeated hundreds of times is shown once. */
    static List<String> foldRepeats(List<String> lines, String indent) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            int bestPeriod = 0;
            int bestRepeats = 1;
            for (int period = 1; period <= 4 && i + 2 * period <= lines.size(); period++) {
                int repeats = 1;
                while (i + (repeats + 1) * period <= lines.size()
                        && lines.subList(i + repeats * period, i + (repeats + 1) * period).equals(lines.subList(i, i + period))) {
                    repeats++;
                }
                if (repeats >= 3 && repeats * period > bestRepeats * Math.max(1, bestPeriod)) {
                    bestPeriod = period;
                    bestRepeats = repeats;
                }
            }
            if (bestPeriod == 0) {
                out.add(lines.get(i++));
                continue;
            }
            out.addAll(lines.subList(i, i + bestPeriod));
            out.add(indent + "[... " + (bestPeriod == 1 ? "the frame above" : "the " + bestPeriod + " frames above") + " repeated "
                    + (bestRepeats - 1) + " more times]");
            i += bestRepeats * bestPeriod;
        }
        return out;
    }

    /**
     * The cell's "do_it$" frame calling JShell's "do_it$Aux", the method that computes a var's initializer (var e =
     * new RuntimeException()): the initializer's frame has the line that failed (one of several, for an initializer
     * over several lines), and shows as the cell; its caller would show the cell a second time.
     */
    private static boolean callsVarInitializer(StackTraceElement[] st, int i) {
        // JShell's copy of an exception names the cell's own frame "", the frames of the exception itself "do_it$"
        String caller = st[i].getMethodName();
        return i > 0 && (caller == null || caller.isEmpty() || caller.equals("do_it$"))
                && "do_it$Aux".equals(st[i - 1].getMethodName())
                && isUserFrame(st[i]) && isUserFrame(st[i - 1]) && st[i].getFileName().equals(st[i - 1].getFileName());
    }

    private static boolean isJuxtaFrame(StackTraceElement f) {
        return f.getClassName() != null && f.getClassName().startsWith("io.juxta.") && !isUserFrame(f);
    }

    private static boolean isUserFrame(StackTraceElement f) {
        return f.getFileName() != null && f.getFileName().startsWith("#");
    }

    private String describe(StackTraceElement f) {
        if (!isUserFrame(f)) {
            return ThrowableText.userNames(f.toString());
        }
        String method = f.getMethodName() == null || f.getMethodName().isEmpty() || f.getMethodName().equals("do_it$")
                || f.getMethodName().equals("do_it$Aux") ? "<cell>" : lambdaName(f.getMethodName());
        String cls = f.getClassName() == null || f.getClassName().isEmpty() ? "" : className(f.getClassName()) + ".";
        String id = f.getFileName().substring(1).replaceAll(":.*", "");
        Origin o = origins.get(id);
        if (o == null) {
            o = running;
        }
        if (o == null) {
            return cls + method + "(snippet " + id + ", line " + f.getLineNumber() + ")";
        }
        return cls + method + "(" + CYAN + "In [" + o.count() + "]" + RESET
                + (o.firstLine() == NO_LINE ? "" : ", line " + (o.firstLine() + f.getLineNumber() - 1)) + ")";
    }

    /**
     * A cell's class as the user named it; an anonymous one, which JShell names "$JShell$12$1" or
     * "$JShell$anonymous$$0", shows as "<anonymous class>" (one inside the user's class stays "Svc$1", as Java shows it).
     */
    static String className(String jshellName) {
        String name = cleanMessage(jshellName).replaceFirst("^\\$", "");
        return name.matches("\\d+") || name.startsWith("JShell$anonymous$") ? "<anonymous class>" : name;
    }

    /**
     * javac names a lambda in a cell "lambda$do_it$$0" (in a variable's initializer "lambda$do_it$Aux$0", JShell's
     * wrapper method), one in method f "lambda$f$1": they show as "<lambda in cell>" and "<lambda in f>".
     */
    static String lambdaName(String method) {
        java.util.regex.Matcher m = LAMBDA.matcher(method);
        if (!m.matches()) {
            return method;
        }
        String where = m.group(1);
        return "<lambda in " + (where.startsWith("do_it$") ? "cell" : where.equals("new") ? "a constructor"
                : where.equals("static") ? "a static initializer" : where) + ">";
    }

    private static final java.util.regex.Pattern LAMBDA = java.util.regex.Pattern.compile("lambda\\$(.+?)\\$\\d+");

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
