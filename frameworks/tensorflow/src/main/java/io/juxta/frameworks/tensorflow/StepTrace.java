package io.juxta.frameworks.tensorflow;

import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;

/** The Java code of one step, run once per input signature against symbolic inputs to emit graph nodes. */
@FunctionalInterface
public interface StepTrace {
    /** Returns the outputs to fetch each step; for a training step the first is the scalar loss. */
    List<Operand<?>> trace(Ops tf, List<Operand<?>> inputs);
}
