package io.juxta.frameworks.tensorflow;

import io.juxta.frameworks.MemoryScope;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Frees the eager tensors created on this thread while the scope is open, through {@link EagerHandles}:
 * TF Java would free them only when the garbage collector runs, which native memory does not trigger.
 * Graph steps need no scope: every step closes its own results.
 */
final class TfMemoryScope implements MemoryScope {
    private static final ThreadLocal<Deque<TfMemoryScope>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    private final List<TfTensor> owned = new ArrayList<>();
    private final List<org.tensorflow.Operation> operations = new ArrayList<>();
    private boolean closed;

    TfMemoryScope() { OPEN.get().push(this); }

    /** True when this TF Java version lets scopes free eager results early. */
    static boolean canRelease() { return EagerHandles.available(); }

    /** Hands an eager tensor to the innermost open scope of this thread, if any. */
    static void track(TfTensor t) {
        TfMemoryScope scope = OPEN.get().peek();
        if (scope != null) scope.owned.add(t);
    }

    /** Hands an eager operation (every result and intermediate) to the innermost open scope of this thread. */
    static void trackOperation(org.tensorflow.Operation op) {
        TfMemoryScope scope = OPEN.get().peek();
        if (scope != null) scope.operations.add(op);
    }

    @Override public void close() {
        if (closed) return;
        closed = true;
        OPEN.get().remove(this);
        for (TfTensor t : owned) t.markReleased();
        for (org.tensorflow.Operation op : operations) EagerHandles.free(op);
        owned.clear();
        operations.clear();
    }
}
