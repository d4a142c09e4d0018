package io.juxta.kernel.worker;

import io.juxta.kernel.api.MimeBundle;
import java.io.IOException;

/** Messages from the worker to the kernel on behalf of the running cell. */
interface Outbox {
    void stream(String name, String text);

    void display(MimeBundle bundle, String displayId, boolean update);

    void clearOutput(boolean wait);

    void inputRequest(String prompt, boolean password) throws IOException;

    /** Adds a pager payload to the running cell's reply. */
    void page(String text);
}
