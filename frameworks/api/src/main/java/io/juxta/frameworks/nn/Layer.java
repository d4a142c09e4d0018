package io.juxta.frameworks.nn;

import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.Variable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer written once over the portable ops. Subclasses create their variables in the constructor (from host
 * arrays drawn from {@link io.juxta.frameworks.Rng}) and implement {@link #forward(Tensor)}. Forward code must not
 * read tensor values: under a staged backend it runs once, on symbolic tensors.
 */
public abstract class Layer {
    private final Map<String, Variable> ownVariables = new LinkedHashMap<>();
    private final Map<String, Layer> children = new LinkedHashMap<>();
    private boolean training = true;

    public abstract Tensor forward(Tensor x);

    /** Registers a trainable weight. */
    protected Variable addWeight(String name, HostArray initial) {
        Variable v = Variable.trainable(name, initial);
        ownVariables.put(name, v);
        return v;
    }

    /** Registers non-trainable state (e.g. running statistics). */
    protected Variable addState(String name, HostArray initial) {
        Variable v = Variable.state(name, initial);
        ownVariables.put(name, v);
        return v;
    }

    protected <L extends Layer> L addChild(String name, L child) {
        children.put(name, child);
        return child;
    }

    /** Trainable variables of this layer and its children, in a stable order. */
    public List<Variable> parameters() {
        List<Variable> out = new ArrayList<>();
        for (Variable v : namedVariables().values()) if (v.isTrainable()) out.add(v);
        return out;
    }

    /** All variables by dotted path, like PyTorch's state_dict keys: {@code 0.weight}, {@code 4.bias}. */
    public Map<String, Variable> namedVariables() {
        Map<String, Variable> out = new LinkedHashMap<>();
        collect("", out);
        return out;
    }

    private void collect(String prefix, Map<String, Variable> out) {
        ownVariables.forEach((name, v) -> out.put(prefix + name, v));
        children.forEach((name, child) -> child.collect(prefix + name + ".", out));
    }

    /** Copies every variable's values from a layer of the same structure (e.g. a DQN target network). */
    public void copyFrom(Layer source) {
        Map<String, Variable> mine = namedVariables(), theirs = source.namedVariables();
        if (!mine.keySet().equals(theirs.keySet())) {
            throw new IllegalArgumentException("Layers differ: " + mine.keySet() + " vs " + theirs.keySet());
        }
        mine.forEach((name, v) -> v.load(theirs.get(name).toHost()));
    }

    public long parameterCount() {
        long n = 0;
        for (Variable v : parameters()) n += HostArray.sizeOf(v.shape());
        return n;
    }

    /** Training mode (dropout active, batch-norm updates statistics) or evaluation mode; applies to children. */
    public Layer train(boolean on) {
        training = on;
        for (Layer c : children.values()) c.train(on);
        return this;
    }

    public boolean isTraining() { return training; }

    protected Map<String, Layer> children() { return children; }

    /** One-line description used by {@link Sequential#toString()}. */
    protected String describe() { return getClass().getSimpleName() + "()"; }

    @Override public String toString() { return describe(); }
}
