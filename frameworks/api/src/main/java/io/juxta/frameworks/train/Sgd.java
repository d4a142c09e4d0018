package io.juxta.frameworks.train;

import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.Variable;
import io.juxta.frameworks.spi.TensorOps;

/** SGD with optional momentum, Nesterov momentum and L2 weight decay; same update as torch.optim.SGD (dampening 0). */
public final class Sgd extends Optimizer {
    private final double momentum, weightDecay;
    private final boolean nesterov;

    Sgd(double lr, double momentum, boolean nesterov, double weightDecay) {
        super(lr);
        if (momentum < 0) throw new IllegalArgumentException("momentum must be >= 0, got " + momentum);
        if (nesterov && momentum == 0) throw new IllegalArgumentException("Nesterov momentum needs momentum > 0");
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
    }

    @Override protected void update(TensorOps ops, Variable variable, Tensor value, Tensor grad, Tensor lr) {
        Tensor g = weightDecay != 0 ? grad.add(value.mul(weightDecay)) : grad;
        if (momentum != 0) {
            Variable buffer = slot(variable, "momentum");
            Tensor b = buffer.value().mul(momentum).add(g);
            buffer.assign(b);
            g = nesterov ? g.add(b.mul(momentum)) : b;
        }
        variable.assignSubScaled(g, lr);
    }

    @Override public String toString() {
        return "SGD(lr=" + baseLearningRate() + (momentum != 0 ? ", momentum=" + momentum : "") + (nesterov ? ", nesterov" : "")
                + (weightDecay != 0 ? ", weightDecay=" + weightDecay : "") + ")";
    }
}
