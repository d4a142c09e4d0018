package io.juxta.magics.spec;

/** Where a magic may be written: on its own line ({@code %name}), as a cell's first line ({@code %%name}), or both. */
public enum MagicKind {
    LINE,
    CELL,
    LINE_AND_CELL;

    public boolean allowsLine() {
        return this != CELL;
    }

    public boolean allowsCell() {
        return this != LINE;
    }
}
