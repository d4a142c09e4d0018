package io.juxta.kernel.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

/** For tests that drive a JShell directly. */
final class Snippets {
    private Snippets() {
    }

    /** Evaluates {@code code}, asserts that its last snippet is valid (with javac's words if not), and returns its value. */
    static String value(JShell jshell, String code) {
        List<SnippetEvent> events = jshell.eval(code);
        SnippetEvent last = events.stream().filter(e -> e.causeSnippet() == null).reduce((a, b) -> b).orElseThrow();
        assertEquals(Snippet.Status.VALID, last.status(), () -> code + ": " + jshell.diagnostics(last.snippet()).toList());
        return last.value();
    }
}
