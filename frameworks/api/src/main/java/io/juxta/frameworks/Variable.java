package io.juxta.frameworks;

import io.juxta.frameworks.spi.VariableHandle;

import java.util.Arrays;

/**
 * A named, mutable tensor that survives steps: layer weights, optimizer slots, batch-norm statistics.
 * It starts from a host array (so every backend starts from identical numbers) and is bound to the current
 * backend on first use. If the user switches backend, the next use copies the current values across.
 */
public final class Variable {
    private final String name;
    private final HostArray initial;
    private final boolean trainable;
    private VariableHandle handle;
    private Backend boundTo;

    public Variable(String name, HostArray initial, boolean trainable) {
        this.name = name;
        this.initial = initial;
        this.trainable = trainable;
    }

    public static Variable trainable(String name, HostArray initial) { return new Variable(name, initial, true); }

    public static Variable state(String name, HostArray initial) { return new Variable(name, initial, false); }

    public String name() { return name; }

    public int[] shape() { return initial.shape(); }

    public DType dtype() { return initial.dtype(); }

    public boolean isTrainable() { return trainable; }

    /** The current value as a tensor of the current backend. */
    public Tensor value() { return handle().read(); }

    /** Sets a new value (same shape); in a staged step this becomes an assign op of the step. */
    public void assign(Tensor newValue) {
        requireShape("assign", "to", newValue);
        handle().assign(newValue);
    }

    /**
     * Subtracts {@code delta} (same shape), like {@code assign(value().sub(delta))} but in place where the backend
     * can (torch). Like {@link #assign}, use it once per step, and not after an assign of the same variable.
     */
    public void assignSub(Tensor delta) {
        requireShape("subtract", "from", delta);
        handle().assignSub(delta);
    }

    /**
     * Subtracts {@code scale * delta}, {@code scale} a scalar tensor such as the learning rate: SGD's update, in one
     * fused kernel where the backend has one (torch {@code sub_(delta, alpha)}, TF {@code ApplyGradientDescent}); that
     * may round differently from {@code assignSub(delta.mul(scale))} by about one ulp. Same rules as {@link #assignSub}.
     */
    public void assignSubScaled(Tensor delta, Tensor scale) {
        requireShape("subtract", "from", delta);
        if (scale.rank() != 0) throw new IllegalArgumentException("assignSubScaled needs a scalar scale, got shape " + Arrays.toString(scale.shape()));
        handle().assignSubScaled(delta, scale);
    }

    private void requireShape(String verb, String preposition, Tensor t) {
        int[] s = t.shape();
        int[] own = shape();
        boolean ok = s.length == own.length;
        for (int i = 0; ok && i < s.length; i++) ok = s[i] == own[i] || s[i] < 0;
        if (!ok) throw new IllegalArgumentException("Cannot " + verb + " shape " + Arrays.toString(s) + " " + preposition + " variable '" + name + "' of shape " + Arrays.toString(own));
    }

    /** Current values copied to the heap (the initial values if never used). */
    public HostArray toHost() { return handle == null ? initial.copy() : handle.toHost(); }

    /** Replaces the values, e.g. from a checkpoint. */
    public void load(HostArray values) {
        if (!Arrays.equals(values.shape(), shape())) {
            throw new IllegalArgumentException("Variable '" + name + "' has shape " + Arrays.toString(shape()) + ", the loaded array " + Arrays.toString(values.shape()));
        }
        HostArray converted = values.astype(dtype());
        if (handle == null) System.arraycopy(converted.copy().data(), 0, initial.data(), 0, initial.size());
        else handle.load(converted);
    }

    /** The backend storage, created on the current backend if needed. For backends and step compilers. */
    public synchronized VariableHandle handle() {
        Backend current = Backends.current();
        if (handle == null || boundTo != current) {
            HostArray start = handle == null ? initial : handle.toHost();
            handle = current.createVariable(this, start);
            boundTo = current;
        }
        return handle;
    }

    @Override public String toString() {
        return "Variable(" + name + ", shape=" + Arrays.toString(shape()) + ", dtype=" + dtype() + (trainable ? "" : ", state") + ")";
    }
}
