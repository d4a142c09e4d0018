package io.juxta.frameworks.tensorflow;

import io.juxta.frameworks.MemoryScope;

import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.bytedeco.javacpp.Pointer;
import org.tensorflow.Operand;
import org.tensorflow.Operation;

/**
 * Frees the eager tensors created on this thread while the scope is open. TF Java frees an eager result only
 * when the garbage collector finds it unreachable, and the collector does not see native memory (research §6:
 * +1.4 GB over 10k ops), so the scope releases each result's native handle and resolved value itself.
 * Graph steps need no scope: every step closes its own results.
 */
final class TfMemoryScope implements MemoryScope {
    private static final ThreadLocal<Deque<TfMemoryScope>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);
    private static final Field OUTPUT_HANDLES, OUTPUT_TENSORS;

    static {
        Field handles = null, tensors = null;
        try {
            Class<?> eagerOp = Class.forName("org.tensorflow.EagerOperation");
            handles = eagerOp.getDeclaredField("outputHandles");
            tensors = eagerOp.getDeclaredField("outputTensors");
            handles.setAccessible(true);
            tensors.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            handles = null;     // another TF Java version: fall back to the garbage collector
            tensors = null;
        }
        OUTPUT_HANDLES = handles;
        OUTPUT_TENSORS = tensors;
    }

    private final List<TfTensor> owned = new ArrayList<>();
    private boolean closed;

    TfMemoryScope() { OPEN.get().push(this); }

    /** True when this TF Java version lets scopes free eager results early. */
    static boolean canRelease() { return OUTPUT_HANDLES != null; }

    /** Hands an eager tensor to the innermost open scope of this thread, if any. */
    static void track(TfTensor t) {
        TfMemoryScope scope = OPEN.get().peek();
        if (scope != null) scope.owned.add(t);
    }

    @Override public void close() {
        if (closed) return;
        closed = true;
        OPEN.get().remove(this);
        for (TfTensor t : owned) t.release();
        owned.clear();
    }

    /** Frees the native handles and values of an eager op's outputs. */
    static void free(Operand<?> operand) {
        if (OUTPUT_HANDLES == null) return;
        Operation op = operand.op();
        try {
            AtomicReferenceArray<?> values = (AtomicReferenceArray<?>) OUTPUT_TENSORS.get(op);
            for (int i = 0; i < values.length(); i++) {
                Object v = values.getAndSet(i, null);
                if (v instanceof org.tensorflow.Tensor t) t.close();
            }
            for (Object h : (Object[]) OUTPUT_HANDLES.get(op)) {
                if (h instanceof Pointer p && !p.isNull()) p.deallocate();
            }
        } catch (IllegalAccessException | IllegalArgumentException e) {
            // not an eager operation: nothing to free
        }
    }
}
