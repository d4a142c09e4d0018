package io.juxta.frameworks.spi;

import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Tensor;

/** A backend's storage for one {@link io.juxta.frameworks.Variable}. */
public interface VariableHandle {
    /**
     * The current value as a tensor usable in ops. torch: the leaf tensor itself (requires grad if trainable).
     * Staged TF: inside a trace, the symbolic read of the graph variable; outside, an eager copy.
     */
    Tensor read();

    /**
     * Sets the variable to {@code value} (same shape). torch: copies in place without recording gradients. Staged
     * TF: inside a trace, adds an assign op that runs with the step; outside, runs it at once.
     */
    void assign(Tensor value);

    /**
     * Subtracts {@code delta} (same shape) from the variable: an optimizer's last step. The default reads and
     * assigns; torch overrides it with an in-place {@code sub_}, which gives the same values without a copy.
     */
    default void assignSub(Tensor delta) { assign(read().sub(delta)); }

    /**
     * Subtracts {@code scale * delta} ({@code scale} a scalar of the variable's dtype). The default multiplies, then
     * {@link #assignSub}; override it with a fused kernel (torch {@code sub_(delta, alpha)}, TF {@code ApplyGradientDescent}).
     */
    default void assignSubScaled(Tensor delta, Tensor scale) { assignSub(delta.mul(scale)); }

    HostArray toHost();

    void load(HostArray value);
}
