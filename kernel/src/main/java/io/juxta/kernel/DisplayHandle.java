package io.juxta.kernel;

/**
 * What {@code display(...)} returns: the id of the output it made, to update it in place. As in
 * IPython, a handle is not shown as a cell's value.
 */
public record DisplayHandle(String id) {
    /** Replaces the displayed output with a new value. */
    public void update(Object value) {
        Notebook.updateDisplay(id, value);
    }

    @Override
    public String toString() {
        return "DisplayHandle[" + id + "]";
    }
}
