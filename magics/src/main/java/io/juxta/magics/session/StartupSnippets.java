package io.juxta.magics.session;

import java.util.Set;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;

/**
 * The snippets that existed before the user's first cell (the kernel's and extensions' startup
 * code), which {@code %reset} keeps.
 */
public final class StartupSnippets {
    private volatile Set<String> ids;

    /** Records the session's snippets once; later calls do nothing. Called before each cell. */
    public void captureOnce(JShell jshell) {
        if (ids == null) {
            synchronized (this) {
                if (ids == null) {
                    ids = jshell.snippets().map(Snippet::id).collect(Collectors.toUnmodifiableSet());
                }
            }
        }
    }

    public boolean contains(Snippet snippet) {
        Set<String> known = ids;
        // JShell numbers its own startup snippets s1, s2, ...
        return snippet.id().startsWith("s") || (known != null && known.contains(snippet.id()));
    }
}
