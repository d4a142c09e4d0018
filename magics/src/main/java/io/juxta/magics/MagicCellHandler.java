package io.juxta.magics;

import io.juxta.kernel.api.CellError;
import io.juxta.kernel.api.CellHandler;
import io.juxta.kernel.api.Session;
import io.juxta.magics.CellSplitter.CellMagic;
import io.juxta.magics.CellSplitter.JavaCode;
import io.juxta.magics.CellSplitter.LineMagic;
import io.juxta.magics.CellSplitter.MisplacedCellMagic;
import io.juxta.magics.CellSplitter.Segment;
import io.juxta.magics.CellSplitter.ShellLine;
import io.juxta.magics.session.SessionMagics;
import io.juxta.magics.shell.ShellRunner;
import io.juxta.magics.spec.ArgParser;
import io.juxta.magics.spec.MagicArgs;
import io.juxta.magics.spec.MagicSpec;
import io.juxta.magics.spec.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Runs cells that contain magics: the pieces in order, Java through {@link Session#eval}. The
 * cell's value is the value of its last piece.
 */
public final class MagicCellHandler implements CellHandler {
    private final MagicRegistry registry;
    private final ShellRunner shell;

    public MagicCellHandler(MagicRegistry registry, ShellRunner shell) {
        this.registry = registry;
        this.shell = shell;
    }

    @Override
    public boolean accepts(String cell) {
        return CellSplitter.mayContainMagic(cell) || HELP.matcher(cell).matches();
    }

    /**
     * IPython's {@code name?} and {@code name??}: a cell of one name (dotted, or a call's name with "()") and a
     * question mark. No Java ends with "?", so nothing else is taken.
     */
    private static final java.util.regex.Pattern HELP = java.util.regex.Pattern.compile(
            "\\A\\s*([A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)*)(?:\\(\\))?\\s*\\?\\??\\s*\\z");

    /**
     * A variable's type and value, else a magic's help as %NAME? shows it, else the Java documentation Shift+Tab
     * shows; paged as IPython pages it.
     */
    private Object help(String name, Session session) {
        jdk.jshell.JShell jshell = session.jshell();
        java.util.Optional<jdk.jshell.VarSnippet> variable = jshell.variables()
                .filter(v -> v.name().equals(name) && jshell.status(v).isActive()).reduce((first, later) -> later);
        if (variable.isPresent()) { // as IPython shows a variable: its type and value
            String value = SessionMagics.unusable(jshell, variable.get());
            if (value != null) {
                value = "(" + value + ")";
            } else {
                try {
                    value = jshell.varValue(variable.get()); // "[message]" when its toString throws, as JShell says it
                } catch (RuntimeException e) {
                    value = "(cannot be shown: " + e.getMessage() + ")";
                }
            }
            session.page("Type:  " + variable.get().typeName() + "\nValue: " + value);
            return Session.NO_VALUE;
        }
        if (!name.contains(".") && registry.find(name).isPresent()) { // after the variables, as IPython looks
            session.page(registry.find(name).get().spec().help());
            return Session.NO_VALUE;
        }
        String docs = session.documentation(name, name.length());
        if (docs == null) {
            session.out().println("Object `" + name + "` not found (no class, method, field or magic of that name here).");
        } else {
            session.page(docs);
        }
        return Session.NO_VALUE;
    }

    /** The cell magics whose body is Java, for is_complete: other bodies (bash, html, a file) are taken as typed. */
    private static final java.util.Set<String> JAVA_BODIES = java.util.Set.of("time", "timeit", "capture", "compare", "torch", "tf");

    /**
     * Magic lines and shell lines are complete as they stand; a cell magic waits for its body, and a Java body is
     * judged as Java; so is the Java between magic lines, the last piece deciding whether more is coming.
     */
    @Override
    public String isComplete(String cell, Session session, UnaryOperator<String> javaStatus) {
        if (HELP.matcher(cell).matches()) {
            return "complete";
        }
        List<Segment> segments = split(cell, session);
        String status = "complete";
        for (Segment segment : segments) {
            if (segment instanceof CellMagic magic) {
                if (magic.help()) {
                    status = "complete";
                } else if (magic.body().isBlank()) {
                    status = "incomplete";
                } else {
                    status = JAVA_BODIES.contains(magic.name()) ? javaStatus.apply(magic.body()) : "complete";
                }
            } else if (segment instanceof JavaCode java) {
                status = javaStatus.apply(java.source());
                if (status.equals("invalid")) {
                    return status;
                }
            } else {
                status = "complete";
            }
        }
        return status;
    }

    private static List<Segment> split(String cell, Session session) {
        return new CellSplitter(new JShellCompleteness(session.jshell())).split(cell);
    }

    @Override
    public Object run(String cell, Session session) throws CellError {
        java.util.regex.Matcher help = HELP.matcher(cell);
        if (help.matches()) {
            return help(help.group(1).replaceAll("\\s+", ""), session);
        }
        List<Segment> segments = split(cell, session);
        if (segments.stream().allMatch(s -> s instanceof JavaCode)) {
            // only Java after all (a '!' or '%' that continues an expression): run it as one cell
            return cell.isBlank() ? Session.NO_VALUE : session.eval(cell);
        }
        Object value = Session.NO_VALUE;
        for (Segment segment : segments) {
            value = runSegment(segment, session);
        }
        return value;
    }

    private Object runSegment(Segment segment, Session session) throws CellError {
        if (segment instanceof JavaCode java) {
            return session.eval(java.source());
        }
        if (segment instanceof ShellLine line) {
            if (line.command().isEmpty()) {
                throw usageError(null, "'!' on line " + line.line() + " has no command after it: write the shell command"
                        + " on the same line, e.g. !ls -l");
            }
            shell.run(line.command(), session, false);
            return Session.NO_VALUE;
        }
        if (segment instanceof MisplacedCellMagic misplaced) {
            throw usageError(null, "%%" + misplaced.name() + " on line " + misplaced.line()
                    + ": a cell magic must be the first line of its cell. Move it to a new cell.");
        }
        if (segment instanceof LineMagic line) {
            return call(line.name(), false, line.args(), "", line.help(), session);
        }
        CellMagic cellMagic = (CellMagic) segment;
        return call(cellMagic.name(), true, cellMagic.args(), cellMagic.body(), cellMagic.help(), session);
    }

    private Object call(String name, boolean cellForm, String argLine, String body, boolean help, Session session) throws CellError {
        if (help && registry.find(name).isPresent()) {
            session.page(registry.find(name).get().spec().help());
            return Session.NO_VALUE;
        }
        Magic magic;
        try {
            magic = registry.resolve(name, cellForm);
        } catch (UsageException e) {
            throw usageError(null, e.getMessage());
        }
        MagicSpec spec = magic.spec();
        try {
            MagicArgs args = ArgParser.parse(spec, argLine, cellForm);
            return magic.run(new Invocation(spec, cellForm, args, body, session, this::run));
        } catch (UsageException e) {
            throw usageError(spec, (cellForm ? "%%" : "%") + name + ": " + e.getMessage());
        } catch (CellError e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CellError.of("Interrupted", (cellForm ? "%%" : "%") + name + " was interrupted");
        } catch (Exception e) {
            throw failure(name, cellForm, e);
        }
    }

    /** A usage error: the message, then the magic's usage and where to read more. */
    public static CellError usageError(MagicSpec spec, String message) {
        List<String> lines = new ArrayList<>();
        lines.add("UsageError: " + message);
        if (spec != null) {
            lines.add("");
            lines.add("Usage:");
            spec.usage().lines().forEach(l -> lines.add("  " + l));
            lines.add("Run %help " + spec.name() + " for details.");
        }
        return new CellError("UsageError", message, lines);
    }

    private static CellError failure(String name, boolean cellForm, Exception e) {
        StringBuilder reason = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !reason.toString().contains(cause.getMessage())) {
                reason.append(": ").append(cause.getMessage());
            }
        }
        String message = (cellForm ? "%%" : "%") + name + " failed: " + reason;
        return CellError.of("MagicError", message);
    }
}
