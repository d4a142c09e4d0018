package io.juxta.frameworks;

import io.juxta.frameworks.spi.BackendProvider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The global backend selection. {@code %torch}/{@code %tf} call {@link #use(String)}; all API code asks
 * {@link #current()}. Selection is global (not per thread) because each notebook cell runs on a new thread.
 * Natives load on first {@link #current()} after selection, never when this class loads.
 */
public final class Backends {
    private static final Map<String, BackendProvider> PROVIDERS = new LinkedHashMap<>();
    private static final Map<String, Backend> CREATED = new LinkedHashMap<>();
    private static volatile String selected;
    /** The created backend for {@link #selected}; read on every op, so no lock on the fast path. */
    private static volatile Backend currentBackend;
    private static boolean discovered;

    private Backends() {}

    /** Selects a backend by name or alias ({@code torch}, {@code pytorch}, {@code tf}, {@code tensorflow}). */
    public static synchronized void use(String name) {
        String canonical = provider(name).name();
        if (!canonical.equals(selected)) currentBackend = null;
        selected = canonical;
    }

    /** The selected backend, created (and its natives loaded) on first call. */
    public static Backend current() {
        Backend b = currentBackend;
        if (b != null) return b;
        synchronized (Backends.class) {
            String name = selected != null ? selected : defaultName();
            b = backend(name);
            if (name.equals(selected)) currentBackend = b;
            return b;
        }
    }

    /** A backend by name, created if needed, without changing the selection (for %%compare and tests). */
    public static synchronized Backend backend(String name) {
        BackendProvider p = provider(name);
        return CREATED.computeIfAbsent(p.name(), n -> p.create());
    }

    /** The selected backend's name without loading it; "none" when nothing is selected. */
    public static String currentName() {
        String name = selected;
        return name != null ? name : "none";
    }

    /** Canonical names of the backends on the class path. */
    public static synchronized List<String> available() {
        discover();
        return new ArrayList<>(PROVIDERS.keySet());
    }

    /** Adds a provider by hand (tests, or a backend outside the class path's service files). */
    public static synchronized void register(BackendProvider provider) {
        discover();
        PROVIDERS.put(provider.name(), provider);
    }

    private static synchronized String defaultName() {
        discover();
        if (PROVIDERS.size() == 1) {
            selected = PROVIDERS.keySet().iterator().next();
            return selected;
        }
        if (PROVIDERS.isEmpty()) {
            throw new IllegalStateException("No deep-learning backend is on the class path: add juxta-torch or juxta-tensorflow");
        }
        throw new IllegalStateException("No backend selected: run %torch or %tf first (or Backends.use(\"torch\")). Available: " + PROVIDERS.keySet());
    }

    private static synchronized BackendProvider provider(String name) {
        discover();
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (BackendProvider p : PROVIDERS.values()) {
            if (p.name().equals(wanted) || p.aliases().contains(wanted)) return p;
        }
        throw new IllegalArgumentException("Unknown backend '" + name + "'. Available: " + PROVIDERS.keySet()
                + (PROVIDERS.isEmpty() ? " (none: add juxta-torch or juxta-tensorflow to the class path)" : ""));
    }

    private static void discover() {
        if (discovered) return;
        discovered = true;
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader())) {
            PROVIDERS.putIfAbsent(p.name(), p);
        }
    }
}
