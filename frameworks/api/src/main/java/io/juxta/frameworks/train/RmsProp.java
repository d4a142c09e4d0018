package io.juxta.frameworks.train;

import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.Variable;
import io.juxta.frameworks.spi.TensorOps;

/** RMSprop as torch.optim.RMSprop (not centered, optional momentum): {@code p -= lr * g / (sqrt(avg g²) + eps)}. */
public final class RmsProp extends Optimizer {
    private final double alpha, eps, momentum;

    RmsProp(double lr, double alpha, double eps, double momentum) {
        super(lr);
        this.alpha = alpha;
        this.eps = eps;
        this.momentum = momentum;
    }

    @Override protected void update(TensorOps ops, Variable variable, Tensor value, Tensor grad, Tensor lr) {
        Variable sq = slot(variable, "square_avg");
        Tensor avg = sq.value().mul(alpha).add(grad.square().mul(1 - alpha));
        sq.assign(avg);
        Tensor step = grad.div(avg.sqrt().add(eps));
        if (momentum != 0) {
            Variable buf = slot(variable, "momentum_buffer");
            Tensor b = buf.value().mul(momentum).add(step);
            buf.assign(b);
            step = b;
        }
        variable.assignSubScaled(step, lr);
    }

    @Override public String toString() { return "RMSprop(lr=" + baseLearningRate() + ", alpha=" + alpha + ", eps=" + eps + ")"; }
}
