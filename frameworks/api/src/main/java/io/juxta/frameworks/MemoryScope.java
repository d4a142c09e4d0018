package io.juxta.frameworks;

/** Frees native temporaries created on this thread since it was opened (torch: a JavaCPP PointerScope). */
public interface MemoryScope extends AutoCloseable {
    @Override void close();
}
