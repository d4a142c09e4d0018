package io.juxta.frameworks.torch;

import io.juxta.frameworks.MemoryScope;
import org.bytedeco.javacpp.PointerScope;

/** A JavaCPP {@link PointerScope}: every libtorch tensor created on this thread until close is freed at close. */
final class TorchMemoryScope implements MemoryScope {
    private final PointerScope scope = new PointerScope();

    @Override public void close() { scope.close(); }
}
