package io.juxta.frameworks.spi;

import io.juxta.frameworks.Tensor;

import java.util.Map;

/** What an {@link Objective} returns: the scalar loss to minimise and scalar metric tensors to report. */
public record StepOutput(Tensor loss, Map<String, Tensor> metrics) {
    public StepOutput {
        metrics = Map.copyOf(metrics);
    }

    public static StepOutput of(Tensor loss) { return new StepOutput(loss, Map.of()); }
}
