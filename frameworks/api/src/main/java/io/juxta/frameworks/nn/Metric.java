package io.juxta.frameworks.nn;

import io.juxta.frameworks.DType;
import io.juxta.frameworks.Tensor;

/** A scalar batch metric; the training loop averages it over batches weighted by batch size. */
public interface Metric {
    String name();

    Tensor compute(Tensor prediction, Tensor target);

    /** Fraction of rows whose argmax over the last axis equals the integer label. */
    static Metric accuracy() {
        return of("accuracy", (pred, labels) -> pred.argmax(-1).eq(labels.cast(DType.INT64)).cast(DType.FLOAT32).mean());
    }

    /** Fraction of predictions on the right side of {@code threshold} for 0/1 targets (probabilities: 0.5). */
    static Metric binaryAccuracy(double threshold) {
        return of("binary_accuracy", (pred, target) -> pred.gt(threshold).cast(DType.FLOAT32)
                .eq(target.cast(DType.FLOAT32)).cast(DType.FLOAT32).mean());
    }

    static Metric of(String name, java.util.function.BinaryOperator<Tensor> function) {
        return new Metric() {
            @Override public String name() { return name; }

            @Override public Tensor compute(Tensor prediction, Tensor target) { return function.apply(prediction, target); }
        };
    }
}
