package io.juxta.frameworks.nn;

/** The PyTorch spelling: {@code BatchNorm1d.of(n)} is {@link BatchNorm#of1d(int)}. */
public final class BatchNorm1d {
    private BatchNorm1d() {}

    public static BatchNorm of(int features) { return BatchNorm.of1d(features); }
}
