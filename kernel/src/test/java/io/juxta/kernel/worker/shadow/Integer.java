package io.juxta.kernel.worker.shadow;

/** A class named like one of java.lang's, in a package a test imports with a wildcard (DeferredImportsTest). */
public final class Integer {
    private Integer() {
    }
}
