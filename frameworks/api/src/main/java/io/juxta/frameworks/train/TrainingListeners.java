package io.juxta.frameworks.train;

import java.util.function.Function;

/**
 * The listener every {@code fit} with {@code verbose(true)} gets without asking: a notebook installs one that draws a
 * live progress bar. When one is installed, {@code fit} does not also print its epoch lines (the bar shows them).
 */
public final class TrainingListeners {
    private static volatile Function<Fit, TrainingListener> defaultFactory;

    private TrainingListeners() {}

    /** Installs the factory of the default listener; {@code null} removes it. */
    public static void setDefault(Function<Fit, TrainingListener> factory) { defaultFactory = factory; }

    /** The default listener for one run, or null when none is installed or {@code fit} is not verbose. */
    static TrainingListener createDefault(Fit fit) {
        Function<Fit, TrainingListener> factory = defaultFactory;
        return factory == null || !fit.verbose() ? null : factory.apply(fit);
    }
}
