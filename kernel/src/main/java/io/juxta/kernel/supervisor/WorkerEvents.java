package io.juxta.kernel.supervisor;

import com.google.gson.JsonObject;

/** Where the worker's output for one request goes: the notebook, through the kernel's iopub. */
public interface WorkerEvents {
    void stream(String name, String text);

    /** A display_data or update_display_data message's content, and whether it is an update. */
    void display(JsonObject content, boolean update);

    void clearOutput(boolean wait);

    /** An input request; {@code fromCell} when the cell waits for the answer, not runs on beside a thread that asks. */
    void inputRequest(String prompt, boolean password, boolean fromCell);

    WorkerEvents DISCARD = new WorkerEvents() {
        @Override
        public void stream(String name, String text) { }

        @Override
        public void display(JsonObject content, boolean update) { }

        @Override
        public void clearOutput(boolean wait) { }

        @Override
        public void inputRequest(String prompt, boolean password, boolean fromCell) { }
    };
}
