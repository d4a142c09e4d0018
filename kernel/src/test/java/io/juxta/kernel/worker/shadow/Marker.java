package io.juxta.kernel.worker.shadow;

/** An ordinary class of the same package: the wildcard still gives it. */
public final class Marker {
    public static final String NAME = "marker";

    private Marker() {
    }
}
