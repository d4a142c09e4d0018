package io.juxta.frameworks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tensors of one step as step code sees them (symbolic while a staged backend traces). Backends build it
 * from a {@link HostBatch} with the same names.
 */
public final class Batch {
    private final Map<String, Tensor> entries;

    public Batch(Map<String, Tensor> entries) { this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries)); }

    public Tensor get(String name) {
        Tensor t = entries.get(name);
        if (t == null) {
            // the learning rate is the optimizer's own entry: the user did not put it there
            throw new IllegalArgumentException("The batch has no entry '" + name + "'; it has "
                    + entries.keySet().stream().filter(k -> !k.equals(io.juxta.frameworks.train.Optimizer.LEARNING_RATE)).toList());
        }
        return t;
    }

    public boolean has(String name) { return entries.containsKey(name); }

    public Tensor x() { return get(HostBatch.X); }

    public Tensor y() { return get(HostBatch.Y); }

    public Map<String, Tensor> entries() { return entries; }
}
