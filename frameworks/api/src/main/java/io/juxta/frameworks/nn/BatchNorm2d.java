package io.juxta.frameworks.nn;

/** The PyTorch spelling: {@code BatchNorm2d.of(n)} is {@link BatchNorm#of2d(int)}. */
public final class BatchNorm2d {
    private BatchNorm2d() {}

    public static BatchNorm of(int channels) { return BatchNorm.of2d(channels); }
}
