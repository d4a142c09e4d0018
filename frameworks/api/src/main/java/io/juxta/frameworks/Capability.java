package io.juxta.frameworks;

/**
 * Features a backend may lack. Code that needs one asks {@link Backend#supports(Capability)} or calls
 * {@link Capability#require(Backend, String)}; an unsupported combination is an
 * {@link UnsupportedFeatureException}, never a silently different answer.
 */
public enum Capability {
    /** Gradients of plain eager code (torch yes; TF only inside a compiled step). */
    EAGER_GRADIENTS,
    /** Tensors have concrete values while layer code runs (false for TF's staged trace). */
    EAGER_EXECUTION,
    /** float64 math, including gradients. */
    FLOAT64,
    /** A GPU device. */
    GPU,
    /** Backend random ops (dropout masks, rand/randn) draw the same numbers as the other backend. */
    RANDOM_PARITY,
    /** Native memory scopes that free every temporary of a step on close. */
    MEMORY_SCOPES;

    /** Throws a clear {@link UnsupportedFeatureException} when {@code backend} lacks this capability. */
    public void require(Backend backend, String whatNeedsIt) {
        if (!backend.supports(this)) {
            throw new UnsupportedFeatureException(this, backend.name(),
                    whatNeedsIt + " needs " + this + ", which the " + backend.name() + " backend does not support");
        }
    }
}
