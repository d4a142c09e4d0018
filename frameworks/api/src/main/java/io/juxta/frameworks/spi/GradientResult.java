package io.juxta.frameworks.spi;

import io.juxta.frameworks.HostArray;

import java.util.List;
import java.util.Map;

/** The value of a scalar function and its gradients with respect to named inputs and variables (same order). */
public record GradientResult(double value, Map<String, HostArray> inputGradients, List<HostArray> variableGradients) {
}
