package io.juxta.frameworks.train;

import io.juxta.frameworks.DType;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.Variable;
import io.juxta.frameworks.spi.TensorOps;

/**
 * Adam (L2 weight decay added to the gradient) and AdamW (decoupled decay), with the same update as
 * torch.optim.Adam/AdamW: {@code p -= lr * m̂ / (sqrt(v̂) + eps)}.
 */
public final class Adam extends Optimizer {
    private final double beta1, beta2, eps, weightDecay;
    private final boolean decoupled;
    private final Variable stepCount = Variable.state("adam.step", HostArray.scalar(0));
    private Tensor biasCorrection1, biasCorrection2;

    Adam(double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        super(lr);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
    }

    @Override protected void beginStep(TensorOps ops) {
        Tensor t = stepCount.value().add(1);
        stepCount.assign(t);
        biasCorrection1 = ops.scalar(1, DType.FLOAT32).sub(ops.pow(ops.scalar(beta1, DType.FLOAT32), t));
        biasCorrection2 = ops.scalar(1, DType.FLOAT32).sub(ops.pow(ops.scalar(beta2, DType.FLOAT32), t));
    }

    @Override protected void update(TensorOps ops, Variable variable, Tensor value, Tensor grad, Tensor lr) {
        Tensor p = value;
        Tensor g = grad;
        if (weightDecay != 0 && decoupled) p = p.sub(p.mul(lr).mul(weightDecay));
        else if (weightDecay != 0) g = g.add(p.mul(weightDecay));
        Variable m = slot(variable, "exp_avg"), v = slot(variable, "exp_avg_sq");
        Tensor mNew = m.value().mul(beta1).add(g.mul(1 - beta1));
        Tensor vNew = v.value().mul(beta2).add(g.square().mul(1 - beta2));
        m.assign(mNew);
        v.assign(vNew);
        Tensor mHat = mNew.div(biasCorrection1.cast(p.dtype()));
        Tensor vHat = vNew.div(biasCorrection2.cast(p.dtype()));
        Tensor step = mHat.div(vHat.sqrt().add(eps)).mul(lr);
        if (p == value) variable.assignSub(step);
        else variable.assign(p.sub(step));     // decoupled decay already changed p
    }

    @Override public java.util.List<Variable> stateVariables() {
        var out = new java.util.ArrayList<>(super.stateVariables());
        out.add(stepCount);
        return out;
    }

    @Override public String toString() {
        return (decoupled ? "AdamW" : "Adam") + "(lr=" + baseLearningRate() + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps
                + (weightDecay != 0 ? ", weightDecay=" + weightDecay : "") + ")";
    }
}
