package io.juxta.kernel.worker;

import io.juxta.kernel.api.MimeBundle;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** For tests that drive a real session without a front end: what it sends is dropped, its stderr kept. */
final class TestSessions {
    private TestSessions() {
    }

    private static final class NoFrontEnd implements Outbox {
        @Override public void stream(String name, String text) { }
        @Override public void display(MimeBundle bundle, String displayId, boolean update) { }
        @Override public void clearOutput(boolean wait) { }
        @Override public void inputRequest(String prompt, boolean password) { }
        @Override public void page(String text) { }
    }

    /** A session on this test's class path, writing its notes and errors to {@code errBytes}. */
    static JavaSession open(ByteArrayOutputStream errBytes) {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        return new JavaSession(new NoFrontEnd(), new FrontEndInput((p, pw) -> { }, () -> ""), out, err,
                System.getProperty("java.class.path"));
    }
}
