package io.juxta.frameworks;

/** Frees native temporaries created on this thread since it was opened (torch: a JavaCPP PointerScope). */
public interface MemoryScope extends AutoCloseable {
    /** What a backend says when a tensor its scope freed is used again. */
    String FREED_TENSOR = "This tensor was freed when the memory scope it was created in closed"
            + " (each cell or step frees its temporaries). Keep values across cells as host arrays (t.toHost())"
            + " or Variables.";

    @Override void close();
}
