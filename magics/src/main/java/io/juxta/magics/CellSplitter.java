package io.juxta.magics;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a cell into Java code, line magics, {@code !} shell lines and a leading cell magic.
 * A line that starts with {@code %} or {@code !} is Java, not a magic, while the Java before it
 * is unfinished ({@code boolean b =} then {@code !done;}), inside a text block or a comment.
 */
public final class CellSplitter {
    /** One piece of a cell, in order. {@code line} is 1-based, for messages. */
    public sealed interface Segment permits JavaCode, LineMagic, CellMagic, ShellLine, MisplacedCellMagic {
    }

    public record JavaCode(String source, int line) implements Segment {
    }

    /** {@code %name args}; {@code help} for {@code %name?}. */
    public record LineMagic(String name, String args, boolean help, int line) implements Segment {
    }

    /** {@code %%name args} on the first line, then the body. */
    public record CellMagic(String name, String args, String body, boolean help) implements Segment {
    }

    public record ShellLine(String command, int line) implements Segment {
    }

    /** {@code %%name} below the first line. */
    public record MisplacedCellMagic(String name, int line) implements Segment {
    }

    /** Whether Java source still needs more lines (an open statement, text block or comment). */
    @FunctionalInterface
    public interface JavaCompleteness {
        boolean isUnfinished(String javaSource);
    }

    private static final Pattern CELL_MAGIC = Pattern.compile("^[ \\t]*%%([A-Za-z][\\w-]*)(\\?)?(?:[ \\t]+(.*))?$");
    private static final Pattern LINE_MAGIC = Pattern.compile("^[ \\t]*%([A-Za-z][\\w-]*)(\\?)?(?:[ \\t]+(.*))?$");
    private static final Pattern SHELL = Pattern.compile("^[ \\t]*!(.*)$");
    private static final Pattern MAYBE_MAGIC = Pattern.compile("(?m)^[ \\t]*[%!]");

    private final JavaCompleteness completeness;

    public CellSplitter(JavaCompleteness completeness) {
        this.completeness = completeness;
    }

    /** Cheap test: could this cell contain a magic or a shell line. */
    public static boolean mayContainMagic(String cell) {
        return MAYBE_MAGIC.matcher(cell).find();
    }

    public List<Segment> split(String cell) {
        List<Segment> segments = new ArrayList<>();
        int newline = cell.indexOf('\n');
        String first = newline < 0 ? cell : cell.substring(0, newline);
        Matcher cellMagic = CELL_MAGIC.matcher(stripCr(first));
        if (cellMagic.matches()) {
            String body = newline < 0 ? "" : cell.substring(newline + 1);
            segments.add(new CellMagic(cellMagic.group(1), nullToEmpty(cellMagic.group(3)).strip(), body, cellMagic.group(2) != null));
            return segments;
        }
        String[] lines = cell.split("\n", -1);
        StringBuilder java = new StringBuilder();
        int javaStart = 1;
        for (int i = 0; i < lines.length; i++) {
            String line = stripCr(lines[i]);
            int lineNumber = i + 1;
            Segment magic = asMagicLine(line, lineNumber);
            if (magic != null && (java.toString().isBlank() || !completeness.isUnfinished(java.toString()))) {
                flushJava(segments, java, javaStart);
                segments.add(magic);
                javaStart = lineNumber + 1;
                continue;
            }
            if (java.toString().isBlank()) {
                javaStart = lineNumber;
                java.setLength(0);
            }
            java.append(lines[i]).append('\n');
        }
        flushJava(segments, java, javaStart);
        return segments;
    }

    private static Segment asMagicLine(String line, int lineNumber) {
        Matcher cell = CELL_MAGIC.matcher(line);
        if (cell.matches()) {
            return new MisplacedCellMagic(cell.group(1), lineNumber);
        }
        Matcher magic = LINE_MAGIC.matcher(line);
        if (magic.matches()) {
            return new LineMagic(magic.group(1), nullToEmpty(magic.group(3)).strip(), magic.group(2) != null, lineNumber);
        }
        Matcher shell = SHELL.matcher(line);
        // "!" alone is no Java either (no statement starts with a bare "!"): a shell line without a command
        if (shell.matches() && !shell.group(1).startsWith("=")) {
            return new ShellLine(shell.group(1).strip(), lineNumber);
        }
        return null;
    }

    private static void flushJava(List<Segment> segments, StringBuilder java, int line) {
        if (!java.toString().isBlank()) {
            segments.add(new JavaCode(java.toString().stripTrailing(), line));
        }
        java.setLength(0);
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
