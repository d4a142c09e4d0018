package io.juxta.magics;

import io.juxta.magics.spec.MagicSpec;

/**
 * One magic command: its declaration and what it does. Other modules add magics by registering
 * instances on the {@link MagicRegistry} the launcher hands to {@link MagicsExtension}.
 */
public interface Magic {
    MagicSpec spec();

    /**
     * Runs one call. Returns the value the cell shows (or {@code Session.NO_VALUE}). Throw
     * {@link io.juxta.magics.spec.UsageException} for a bad argument and
     * {@link io.juxta.kernel.api.CellError} for an error to show as it is.
     */
    Object run(Invocation call) throws Exception;

    /** What a magic does, for magics declared as a spec plus a lambda. */
    @FunctionalInterface
    interface Action {
        Object run(Invocation call) throws Exception;
    }

    static Magic of(MagicSpec spec, Action action) {
        return new Magic() {
            @Override
            public MagicSpec spec() {
                return spec;
            }

            @Override
            public Object run(Invocation call) throws Exception {
                return action.run(call);
            }

            @Override
            public String toString() {
                return "Magic[" + spec.name() + "]";
            }
        };
    }
}
