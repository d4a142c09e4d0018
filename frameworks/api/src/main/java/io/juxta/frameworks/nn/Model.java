package io.juxta.frameworks.nn;

import io.juxta.frameworks.Dataset;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.spi.ScalarFunction;
import io.juxta.frameworks.spi.TrainStep;
import io.juxta.frameworks.train.Fit;
import io.juxta.frameworks.train.History;
import io.juxta.frameworks.train.Optimizer;
import io.juxta.frameworks.train.TrainingLoop;

import java.util.List;
import java.util.Map;

/** A layer that can be trained: fit, evaluate, predict, custom steps. Subclass it or use {@link Sequential}. */
public abstract class Model extends Layer {

    public History fit(Dataset data, Loss loss, Optimizer optimizer, Fit fit) {
        return TrainingLoop.fit(this, data, loss, optimizer, fit);
    }

    /** Mean {@code loss} and metrics over {@code data}, e.g. {@code {loss=0.31, accuracy=0.89}}. */
    public Map<String, Double> evaluate(Dataset data, Loss loss, Metric... metrics) {
        return TrainingLoop.evaluate(this, data, loss, List.of(metrics), 256);
    }

    /** Model outputs for every row of {@code x}, without gradients, in evaluation mode. */
    public HostArray predict(HostArray x) { return TrainingLoop.predict(this, x, 256); }

    /** A custom step (batch to loss) that updates this model's parameters; see {@link TrainingLoop#customStep}. */
    public TrainStep trainStep(Optimizer optimizer, ScalarFunction objective) {
        return TrainingLoop.customStep(this, optimizer, objective);
    }

    /** Wraps any layer so it can be fitted. */
    public static Model of(Layer layer) {
        return new Model() {
            { addChild("inner", layer); }

            @Override public io.juxta.frameworks.Tensor forward(io.juxta.frameworks.Tensor x) { return layer.forward(x); }

            @Override protected String describe() { return "Model(" + layer + ")"; }
        };
    }
}
