package io.juxta.toolkit.progress;

import io.juxta.kernel.api.MimeBundle;
import io.juxta.kernel.api.Session;
import java.io.PrintStream;

/** Where a progress bar is drawn: a notebook output that can be replaced in place, or a plain stream. */
public interface ProgressSurface {
    /** Shows a bundle; returns an id for {@link #update}. */
    String show(MimeBundle bundle);

    /** Replaces what {@link #show} returned the id of. */
    void update(String displayId, MimeBundle bundle);

    /** Whether intermediate updates are worth sending (a stream only gets the final line of each epoch). */
    default boolean live() {
        return true;
    }

    /** The notebook output of a session, updated in place by display id. */
    static ProgressSurface of(Session session) {
        return new ProgressSurface() {
            @Override
            public String show(MimeBundle bundle) {
                return session.display(bundle);
            }

            @Override
            public void update(String displayId, MimeBundle bundle) {
                session.updateDisplay(displayId, bundle);
            }
        };
    }

    /** Plain text lines, for runs outside a notebook. */
    static ProgressSurface printing(PrintStream out) {
        return new ProgressSurface() {
            private int shown;

            @Override
            public String show(MimeBundle bundle) {
                print(bundle);
                return "line-" + shown++;
            }

            @Override
            public void update(String displayId, MimeBundle bundle) {
                print(bundle);
            }

            private void print(MimeBundle bundle) {
                Object text = bundle.get("text/plain");
                if (text != null && !bundle.has("image/png")) {
                    out.println(text);
                }
            }

            @Override
            public boolean live() {
                return false;
            }
        };
    }
}
