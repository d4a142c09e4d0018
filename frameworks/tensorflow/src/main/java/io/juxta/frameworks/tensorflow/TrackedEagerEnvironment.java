package io.juxta.frameworks.tensorflow;

import org.tensorflow.ConcreteFunction;
import org.tensorflow.EagerSession;
import org.tensorflow.ExecutionEnvironment;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;
import org.tensorflow.op.OpScope;
import org.tensorflow.op.Scope;

/**
 * The backend's eager session, seen through a wrapper that hands every operation it builds to the open
 * {@link TfMemoryScope} of this thread, so a scope frees intermediate results (constants, axes) too.
 */
final class TrackedEagerEnvironment implements ExecutionEnvironment {
    private final EagerSession session;
    private final Scope base = new OpScope(this);

    TrackedEagerEnvironment(EagerSession session) { this.session = session; }

    @Override public OperationBuilder opBuilder(String type, String name, Scope scope) {
        return new TrackingBuilder(session.opBuilder(type, name, scope));
    }

    @Override public void attachFunction(ConcreteFunction function) { session.attachFunction(function); }

    @Override public boolean isOpEnabled(String opType) { return session.isOpEnabled(opType); }

    @Override public void checkInput(Operation input) { session.checkInput(input); }

    @Override public Types environmentType() { return session.environmentType(); }

    @Override public Scope baseScope() { return base; }

    @Override public boolean isInitializer(Operation op) { return session.isInitializer(op); }

    /** Delegates everything; records the built operation. */
    private static final class TrackingBuilder implements OperationBuilder {
        private final OperationBuilder inner;

        TrackingBuilder(OperationBuilder inner) { this.inner = inner; }

        @Override public Operation build() {
            Operation op = inner.build();
            TfMemoryScope.trackOperation(op);
            return op;
        }

        @Override public OperationBuilder addInput(org.tensorflow.Output<?> a) { inner.addInput(a); return this; }
        @Override public OperationBuilder addInputList(org.tensorflow.Output<?>[] a) { inner.addInputList(a); return this; }
        @Override public OperationBuilder addControlInput(Operation a) { inner.addControlInput(a); return this; }
        @Override public OperationBuilder setDevice(String a) { inner.setDevice(a); return this; }
        @Override public OperationBuilder setAttr(String name, String[] value) { inner.setAttr(name, value); return this; }
        @Override public OperationBuilder setAttr(String name, String value) { inner.setAttr(name, value); return this; }
        @Override public OperationBuilder setAttr(String name, byte[] value) { inner.setAttr(name, value); return this; }
        @Override public OperationBuilder setAttr(String name, long value) { inner.setAttr(name, value); return this; }
        @Override public OperationBuilder setAttr(String name, long[] value) { inner.setAttr(name, value); return this; }
        @Override public OperationBuilder setAttr(String name, float value) { inner.setAttr(name, value); return this; }
        @Override public OperationBuilder setAttr(String name, float[] value) { inner.setAttr(name, value); return this; }
        @Override public OperationBuilder setAttr(String name, boolean value) { inner.setAttr(name, value); return this; }
        @Override public OperationBuilder setAttr(String name, boolean[] value) { inner.setAttr(name, value); return this; }
        @Override public OperationBuilder setAttr(String name, org.tensorflow.proto.DataType value) { inner.setAttr(name, value); return this; }
        @Override public OperationBuilder setAttr(String name, org.tensorflow.proto.DataType[] value) { inner.setAttr(name, value); return this; }
        @Override public OperationBuilder setAttr(String name, org.tensorflow.Tensor value) { inner.setAttr(name, value); return this; }
        @Override public OperationBuilder setAttr(String name, org.tensorflow.Tensor[] value) { inner.setAttr(name, value); return this; }
        @Override public OperationBuilder setAttr(String name, org.tensorflow.ndarray.Shape value) { inner.setAttr(name, value); return this; }
        @Override public OperationBuilder setAttr(String name, org.tensorflow.ndarray.Shape[] value) { inner.setAttr(name, value); return this; }
        @Override public OperationBuilder setAttr(String name, org.tensorflow.ConcreteFunction value) { inner.setAttr(name, value); return this; }
        @Override public OperationBuilder setAttr(String name, org.tensorflow.ConcreteFunction[] value) { inner.setAttr(name, value); return this; }
        @Override public OperationBuilder setAttr(String name, org.tensorflow.proto.AttrValue value) { inner.setAttr(name, value); return this; }
    }
}
