package io.juxta.frameworks;

/** Element types every backend supports. Floating point defaults to {@link #FLOAT32}. */
public enum DType {
    FLOAT32("float32", 4, true),
    FLOAT64("float64", 8, true),
    INT32("int32", 4, false),
    INT64("int64", 8, false),
    BOOL("bool", 1, false);

    private final String label;
    private final int byteSize;
    private final boolean floating;

    DType(String label, int byteSize, boolean floating) {
        this.label = label;
        this.byteSize = byteSize;
        this.floating = floating;
    }

    public int byteSize() { return byteSize; }

    public boolean isFloating() { return floating; }

    /** The NumPy/PyTorch spelling, e.g. {@code float32}. */
    public String label() { return label; }

    @Override public String toString() { return label; }
}
