package io.juxta.kernel.supervisor;

/**
 * Finds the JVM's fatal-error banner in the worker's stdout and holds it back. The JVM prints the
 * banner on the crashing thread at once, while what the cell printed just before travels over the
 * worker's socket; holding the banner until that socket has ended shows them in the order they
 * happened. Text before the banner passes through; a tail that may be the banner's start is held
 * until the next chunk tells.
 */
final class CrashBanner {
    static final String START = "#\n# A fatal error has been detected by the Java Runtime Environment";

    private final StringBuilder held = new StringBuilder();
    private boolean found;

    /** The part of {@code chunk} to show now. */
    String filter(String chunk) {
        held.append(chunk);
        if (found) {
            return "";
        }
        int at = atLineStart(held.indexOf(START));
        if (at >= 0) {
            found = true;
            return take(at);
        }
        return take(held.length() - possibleStartLength());
    }

    /** Whether the banner has begun: everything from it on is held. */
    boolean found() {
        return found;
    }

    /** Everything still held: the banner and what followed it, or a tail that did not become one. */
    String rest() {
        return take(held.length());
    }

    private String take(int count) {
        String shown = held.substring(0, count);
        held.delete(0, count);
        return shown;
    }

    /** Searches on from {@code index} until a match starts a line; -1 when none does. */
    private int atLineStart(int index) {
        while (index > 0 && held.charAt(index - 1) != '\n') {
            index = held.indexOf(START, index + 1);
        }
        return index;
    }

    /** The length of the longest tail that starts a line and is a proper prefix of the banner. */
    private int possibleStartLength() {
        int n = held.length();
        for (int k = Math.min(n, START.length() - 1); k > 0; k--) {
            int from = n - k;
            if ((from == 0 || held.charAt(from - 1) == '\n') && START.startsWith(held.substring(from))) {
                return k;
            }
        }
        return 0;
    }
}
