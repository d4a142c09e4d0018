package io.juxta.kernel.supervisor;

import java.util.regex.Pattern;

/**
 * Drops the INFO (and, at level 2, WARNING) lines that native libraries log through absl to the
 * worker's stderr before {@code TF_CPP_MIN_LOG_LEVEL} takes effect: TensorFlow's start-up chatter
 * would otherwise appear in the user's cell. Everything else passes through as it comes.
 */
final class NativeLogFilter {
    private static final Pattern ABSL_LINE = Pattern.compile("[IWEF]\\d{4} \\S+\\s+\\d+ [^\\]\\s]+:\\d+\\] .*");
    private static final Pattern ABSL_START = Pattern.compile("[IW]\\d{0,4}|[IW]\\d{4} .*");
    private static final String PREAMBLE = "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR";

    private final int minLevel;
    private final StringBuilder held = new StringBuilder();

    /** {@code minLevel} as TF_CPP_MIN_LOG_LEVEL: 1 drops INFO, 2 also WARNING. */
    NativeLogFilter(int minLevel) {
        this.minLevel = minLevel;
    }

    static NativeLogFilter fromEnvironment(String tfCppMinLogLevel) {
        try {
            return new NativeLogFilter(Integer.parseInt(tfCppMinLogLevel.strip()));
        } catch (RuntimeException e) {
            return new NativeLogFilter(0);
        }
    }

    /** The part of {@code chunk} to show now; a line that may turn out to be a log line is held until it ends. */
    String filter(String chunk) {
        if (minLevel <= 0) {
            return chunk;
        }
        held.append(chunk);
        StringBuilder shown = new StringBuilder();
        int start = 0;
        int newline;
        while ((newline = held.indexOf("\n", start)) >= 0) {
            String line = held.substring(start, newline);
            if (!dropped(line)) {
                shown.append(line).append('\n');
            }
            start = newline + 1;
        }
        String partial = held.substring(start);
        held.setLength(0);
        if (mayBecomeLogLine(partial)) {
            held.append(partial);
        } else {
            shown.append(partial);
        }
        return shown.toString();
    }

    private boolean dropped(String line) {
        String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (l.equals(PREAMBLE)) {
            return minLevel >= 2;
        }
        if (!ABSL_LINE.matcher(l).matches()) {
            return false;
        }
        char level = l.charAt(0);
        return level == 'I' || (level == 'W' && minLevel >= 2);
    }

    private static boolean mayBecomeLogLine(String partial) {
        return !partial.isEmpty() && partial.length() < 1000
                && (PREAMBLE.startsWith(partial) || ABSL_START.matcher(partial).matches());
    }
}
