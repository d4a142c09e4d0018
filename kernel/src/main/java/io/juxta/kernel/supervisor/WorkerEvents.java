package io.juxta.kernel.supervisor;

import com.google.gson.JsonObject;

/** Where the worker's output for one request goes: the notebook, through the kernel's iopub. */
public interface WorkerEvents {
    void stream(String name, String text);

    /** A display_data or update_display_data message's content, and whether it is an update. */
    void display(JsonObject content, boolean update);

    void clearOutput(boolean wait);

    void inputRequest(String prompt, boolean password);

    WorkerEvents DISCARD = new WorkerEvents() {
        @Override
        public void stream(String name, String text) { }

        @Override
        public void display(JsonObject content, boolean update) { }

        @Override
        public void clearOutput(boolean wait) { }

        @Override
        public void inputRequest(String prompt, boolean password) { }
    };
}
