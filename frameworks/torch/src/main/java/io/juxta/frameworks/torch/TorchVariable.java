package io.juxta.frameworks.torch;

import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.Variable;
import io.juxta.frameworks.spi.VariableHandle;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;

/** A leaf tensor that outlives every memory scope; trainable ones require grad. */
@SuppressWarnings("try")   // scopes and guards work by being open, not by being referenced
final class TorchVariable implements VariableHandle {
    private final TorchBackend backend;
    private final Variable variable;
    private final TorchTensor leaf;
    private Scalar alphaScalar;
    private double alphaValue;

    TorchVariable(TorchBackend backend, Variable variable, HostArray initial) {
        this.backend = backend;
        this.variable = variable;
        org.bytedeco.pytorch.Tensor t;
        // created in its own scope and retained once more, so closing a step's scope never frees it
        try (PointerScope creation = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            t = backend.torchOps().unwrap(backend.torchOps().fromHost(initial)).clone();
            t.retainReference();
        }
        if (variable.isTrainable()) t.requires_grad_(true);
        this.leaf = new TorchTensor(backend, t, true);
    }

    TorchTensor leaf() { return leaf; }

    @Override public Tensor read() { return leaf; }

    @Override public void assign(Tensor value) {
        org.bytedeco.pytorch.Tensor v = backend.torchOps().unwrap(value);
        if (v.scalar_type().value != leaf.native_.scalar_type().value) {
            throw new IllegalArgumentException("Variable '" + variable.name() + "' is " + leaf.dtype() + ", the new value " + value.dtype());
        }
        withoutGrad(() -> leaf.native_.copy_(v));
    }

    /** In place: {@code p - delta} then a copy would give the same values with one more pass over memory. */
    @Override public void assignSub(Tensor delta) {
        org.bytedeco.pytorch.Tensor d = backend.torchOps().unwrap(delta);
        if (d.scalar_type().value != leaf.native_.scalar_type().value) {
            throw new IllegalArgumentException("Variable '" + variable.name() + "' is " + leaf.dtype() + ", the subtracted value " + delta.dtype());
        }
        withoutGrad(() -> leaf.native_.sub_(d));
    }

    /** One fused pass {@code p -= alpha * delta} like libtorch's own SGD (FMA: may differ from multiply-then-subtract by an ulp). */
    @Override public void assignSubScaled(Tensor delta, Tensor scale) {
        if (delta.dtype() != leaf.dtype() || scale.dtype() != leaf.dtype()) {
            throw new IllegalArgumentException("Variable '" + variable.name() + "' is " + leaf.dtype() + ", the subtracted value " + delta.dtype()
                    + " scaled by " + scale.dtype());
        }
        org.bytedeco.pytorch.Tensor d = backend.torchOps().unwrap(delta);
        double alpha = backend.torchOps().unwrap(scale).item_double();
        Scalar a = alphaScalar(alpha);
        withoutGrad(() -> leaf.native_.sub_(d, a));
    }

    /** The last alpha as a kept native Scalar: the learning rate rarely changes, and each new Scalar costs about 1.5 µs. */
    private Scalar alphaScalar(double alpha) {
        if (alphaScalar == null || Double.compare(alpha, alphaValue) != 0) {
            if (alphaScalar != null) alphaScalar.releaseReference();
            alphaScalar = TorchOps.kept(new Scalar(alpha));
            alphaValue = alpha;
        }
        return alphaScalar;
    }

    /** Runs an in-place update outside autograd; a guard only if grad mode is on (a step's update runs under one already). */
    private static void withoutGrad(Runnable update) {
        if (!GradMode.is_enabled()) {
            update.run();
            return;
        }
        try (NoGradGuard g = new NoGradGuard()) {
            update.run();
        }
    }

    @Override public HostArray toHost() { return leaf.toHost(); }

    @Override public void load(HostArray value) {
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            leaf.native_.copy_(backend.torchOps().unwrap(backend.torchOps().fromHost(value.astype(variable.dtype()))));
        }
    }
}
