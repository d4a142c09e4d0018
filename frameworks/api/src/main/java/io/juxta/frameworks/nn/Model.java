package io.juxta.frameworks.nn;

import io.juxta.frameworks.DataSource;
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
    private final TrainingLoop.FunctionCache compiled = new TrainingLoop.FunctionCache();

    private History history;

    public History fit(DataSource data, Loss loss, Optimizer optimizer, Fit fit) {
        return TrainingLoop.fit(this, data.toDataset(), loss, optimizer, fit, compiled, h -> history = h);
    }

    /**
     * The History of the last {@code fit}, as far as it got: an interrupted or failed fit's too (its cell's variable was
     * never assigned), as Keras keeps {@code model.history}. Null before the first fit.
     */
    public History history() {
        return history;
    }

    /** Mean {@code loss} and metrics over {@code data}, e.g. {@code {loss=0.31, accuracy=0.89}}. */
    public Map<String, Double> evaluate(DataSource data, Loss loss, Metric... metrics) {
        return TrainingLoop.evaluate(this, data.toDataset(), loss, List.of(metrics), 256, compiled);
    }

    /** Model outputs for every row of {@code x}, without gradients, in evaluation mode. */
    public HostArray predict(HostArray x) { return TrainingLoop.predict(this, x, 256, compiled); }

    /** A custom step (batch to loss) that updates this model's parameters; see {@link TrainingLoop#customStep}. */
    public TrainStep trainStep(Optimizer optimizer, ScalarFunction objective) {
        return TrainingLoop.customStep(this, optimizer, objective);
    }

    /** Writes every variable (weights and state such as batch-norm statistics) to a safetensors file. */
    public void save(java.nio.file.Path file) throws java.io.IOException {
        Map<String, HostArray> arrays = new java.util.LinkedHashMap<>();
        namedVariables().forEach((name, v) -> arrays.put(name, v.toHost()));
        io.juxta.frameworks.Safetensors.save(file, arrays);
    }

    /** Loads variables saved by {@link #save} (or PyTorch with the same names); every variable must be present. */
    public void load(java.nio.file.Path file) throws java.io.IOException {
        Map<String, HostArray> arrays = io.juxta.frameworks.Safetensors.load(file);
        var missing = new java.util.ArrayList<String>();
        namedVariables().forEach((name, v) -> { if (!arrays.containsKey(name)) missing.add(name); });
        if (!missing.isEmpty()) throw new IllegalArgumentException(file + " lacks " + missing + "; it has " + arrays.keySet());
        // every shape is checked before any variable changes: a failed load leaves the model as it was
        var mismatched = new java.util.ArrayList<String>();
        namedVariables().forEach((name, v) -> {
            int[] saved = arrays.get(name).shape();
            if (!java.util.Arrays.equals(saved, v.shape())) {
                mismatched.add(name + " is " + java.util.Arrays.toString(v.shape()) + " here, " + java.util.Arrays.toString(saved) + " in the file");
            }
        });
        if (!mismatched.isEmpty()) {
            throw new IllegalArgumentException(file + " does not fit this model, nothing was loaded: " + String.join("; ", mismatched));
        }
        namedVariables().forEach((name, v) -> v.load(arrays.get(name)));
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
