package io.juxta.frameworks;

/** A feature the selected backend does not offer. Carries the {@link Capability} so reports can say UNSUPPORTED. */
public class UnsupportedFeatureException extends UnsupportedOperationException {
    private final Capability capability;
    private final String backend;

    public UnsupportedFeatureException(Capability capability, String backend, String message) {
        super(message);
        this.capability = capability;
        this.backend = backend;
    }

    /** The missing capability, or null when the gap is a single op rather than a whole capability. */
    public Capability capability() { return capability; }

    public String backend() { return backend; }
}
