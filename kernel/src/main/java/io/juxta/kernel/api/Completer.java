package io.juxta.kernel.api;

import java.util.List;

/** Supplies completions for the code before the cursor. */
@FunctionalInterface
public interface Completer {
    /** Returns completions, or {@link Completion#NONE} when this completer has nothing to say. */
    Completion complete(String code, int cursor);

    /**
     * Help on what is at the cursor (Shift+Tab in a notebook), as plain text; null when this completer has
     * nothing to say and the session should look for Java documentation.
     */
    default String inspect(String code, int cursor) {
        return null;
    }

    /** Matches replace {@code code[start, end)}. */
    record Completion(int start, int end, List<String> matches) {
        public static final Completion NONE = new Completion(0, 0, List.of());

        public boolean isEmpty() {
            return matches.isEmpty();
        }
    }
}
