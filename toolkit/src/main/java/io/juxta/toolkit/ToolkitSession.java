package io.juxta.toolkit;

import io.juxta.kernel.api.Session;
import java.util.Optional;

/**
 * The session the toolkit was registered in, for helpers a cell calls without passing it
 * (progress bars). Empty outside a kernel, for example in unit tests or plain Java programs.
 */
public final class ToolkitSession {
    private static volatile Session current;

    private ToolkitSession() {}

    public static Optional<Session> current() {
        return Optional.ofNullable(current);
    }

    /** Sets the session; null clears it. */
    public static void set(Session session) {
        current = session;
    }
}
