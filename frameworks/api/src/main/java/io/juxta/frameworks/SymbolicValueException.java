package io.juxta.frameworks;

/**
 * Thrown when code asks a symbolic tensor (one being traced into a staged graph) for its value.
 * Inside a compiled step layer code runs once to build the graph, so values do not exist yet.
 */
public class SymbolicValueException extends IllegalStateException {
    public SymbolicValueException(String what) {
        super("Cannot read " + what + " while the step is being traced into a graph (the " + Backends.currentName()
                + " backend runs layer and loss code once, on symbolic tensors). Do not branch on tensor values or call "
                + "item()/toFloatArray() inside forward(), a loss or a custom step; return the tensor from the step "
                + "and read it afterwards, or use Ops.where(...) for value-dependent choices.");
    }
}
