package io.juxta.frameworks.spi;

import java.util.Map;

/** Host values of one step: the loss and the scalar metrics. */
public record StepResult(double loss, Map<String, Double> metrics) {
    public StepResult {
        metrics = Map.copyOf(metrics);
    }
}
