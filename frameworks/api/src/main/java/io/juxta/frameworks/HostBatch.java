package io.juxta.frameworks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named host arrays fed to one step, e.g. {@code x} and {@code y}, or {@code states, actions, returns} for RL.
 * All entries except scalars share the leading (batch) dimension. Names starting with {@code __} are reserved
 * for per-step scalars the training loop adds (the learning rate).
 */
public final class HostBatch {
    public static final String X = "x";
    public static final String Y = "y";

    private final Map<String, HostArray> entries;

    private HostBatch(Map<String, HostArray> entries) { this.entries = Collections.unmodifiableMap(entries); }

    public static HostBatch of(Map<String, HostArray> entries) { return new HostBatch(new LinkedHashMap<>(entries)); }

    public static HostBatch of(HostArray x, HostArray y) {
        Map<String, HostArray> m = new LinkedHashMap<>();
        m.put(X, x);
        if (y != null) m.put(Y, y);
        return new HostBatch(m);
    }

    public static HostBatch of(String name, HostArray value) { return of(Map.of(name, value)); }

    /** A copy with one more entry. */
    public HostBatch with(String name, HostArray value) {
        Map<String, HostArray> m = new LinkedHashMap<>(entries);
        m.put(name, value);
        return new HostBatch(m);
    }

    public HostArray get(String name) {
        HostArray a = entries.get(name);
        if (a == null) throw new IllegalArgumentException("The batch has no entry '" + name + "'; it has " + entries.keySet());
        return a;
    }

    public boolean has(String name) { return entries.containsKey(name); }

    public Map<String, HostArray> entries() { return entries; }

    /** Leading dimension of the first non-scalar entry. */
    public int size() {
        for (HostArray a : entries.values()) if (a.rank() > 0) return a.dim(0);
        return 1;
    }
}
