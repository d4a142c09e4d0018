package io.juxta.kernel.worker;

import java.util.regex.Pattern;

/** What a user's exception says, read defensively: its own getMessage or getCause may throw. */
final class ThrowableText {
    /** JShell's wrapper classes: REPL.$JShell$12.o is the user's o, REPL.$JShell$12$Point their Point. */
    private static final Pattern WRAPPER = Pattern.compile("(REPL\\.)?\\$JShell\\$\\d+[.$]");

    private ThrowableText() {}

    static String message(Throwable t) {
        try {
            return t.getMessage();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return "(getMessage() failed: " + e + ")";
        }
    }

    static Throwable cause(Throwable t) {
        try {
            return t.getCause();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return null;
        }
    }

    /** A class name or message with JShell's wrapper names taken out. */
    static String userNames(String text) {
        return text == null ? null : WRAPPER.matcher(text).replaceAll("");
    }

    /** "type: message", as the first line of a stack trace. */
    static String headline(Throwable t) {
        String message = userNames(message(t));
        return userNames(t.getClass().getName()) + (message == null ? "" : ": " + message);
    }
}
