package io.juxta.magics.shell;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The environment that {@code !} lines and {@code %%bash} give their processes: the worker's own
 * environment plus what {@code %env} set. A JVM cannot change its own environment, so
 * {@code System.getenv()} in Java code does not see these.
 */
public final class ShellEnvironment {
    private final Map<String, String> base;
    private final Map<String, String> overrides = new ConcurrentHashMap<>();

    public ShellEnvironment() {
        this(System.getenv());
    }

    public ShellEnvironment(Map<String, String> base) {
        this.base = Map.copyOf(base);
    }

    public void set(String name, String value) {
        overrides.put(name, value);
    }

    public String get(String name) {
        return overrides.getOrDefault(name, base.get(name));
    }

    /** Everything a subprocess sees, sorted by name. */
    public Map<String, String> all() {
        Map<String, String> merged = new TreeMap<>(base);
        merged.putAll(overrides);
        return merged;
    }

    /** Only the variables set with {@code %env}. */
    public Map<String, String> overrides() {
        return new TreeMap<>(overrides);
    }
}
