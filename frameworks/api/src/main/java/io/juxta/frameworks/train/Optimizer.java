package io.juxta.frameworks.train;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.DType;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.Variable;
import io.juxta.frameworks.spi.TensorOps;
import io.juxta.frameworks.spi.UpdateRule;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer written once over the portable ops. Its state (momentum, moments, step count) lives in
 * {@link Variable}s so a staged backend keeps it between session runs. The learning rate arrives per step in
 * the batch entry {@link #LEARNING_RATE}, so schedules need no retracing.
 *
 * <p>Rule for subclasses: compute each new value from tensors read once, assign it, and use the computed tensor
 * (never re-read a variable after assigning it): in a graph, reads and assigns have no other ordering.
 */
public abstract class Optimizer {
    /** Batch entry holding the scalar learning rate of the current step. */
    public static final String LEARNING_RATE = "__lr";

    private final double learningRate;
    private double clipNorm;
    private LrSchedule schedule = LrSchedule.constant();
    private final Map<Variable, Map<String, Variable>> slots = new IdentityHashMap<>();

    protected Optimizer(double learningRate) {
        if (!(learningRate > 0)) throw new IllegalArgumentException("Learning rate must be positive, got " + learningRate);
        this.learningRate = learningRate;
    }

    public double baseLearningRate() { return learningRate; }

    /** Rescales all gradients together so their global L2 norm is at most {@code maxNorm} (clip_grad_norm_). */
    public Optimizer clipGradNorm(double maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("maxNorm must be positive, got " + maxNorm);
        clipNorm = maxNorm;
        return this;
    }

    public Optimizer schedule(LrSchedule s) {
        schedule = s;
        return this;
    }

    public double learningRate(long step, int epoch) { return schedule.learningRate(learningRate, step, epoch); }

    /** The host entry the training loop adds to every batch. */
    public HostArray learningRateEntry(long step, int epoch) { return HostArray.scalar((float) learningRate(step, epoch)); }

    /** The update as a backend-neutral rule for {@link io.juxta.frameworks.Backend#compileTrainStep}. */
    public UpdateRule updateRule() {
        return (variables, gradients, batch) -> {
            TensorOps ops = Backends.current().ops();
            Tensor lr = batch.has(LEARNING_RATE) ? batch.get(LEARNING_RATE) : ops.scalar(learningRate, DType.FLOAT32);
            List<Tensor> grads = clipNorm > 0 ? clip(ops, gradients) : gradients;
            beginStep(ops);
            for (int i = 0; i < variables.size(); i++) {
                Variable v = variables.get(i);
                Tensor g = grads.get(i);
                if (g == null) continue;    // variable not used by the loss
                update(ops, v, v.value(), g, lr.cast(v.dtype()));
            }
        };
    }

    private List<Tensor> clip(TensorOps ops, List<Tensor> gradients) {
        Tensor total = null;
        for (Tensor g : gradients) {
            if (g == null) continue;
            Tensor s = g.square().sum();
            total = total == null ? s : total.add(s);
        }
        if (total == null) return gradients;
        Tensor coef = ops.minimum(ops.scalar(clipNorm, total.dtype()).div(total.sqrt().add(1e-6)), ops.scalar(1, total.dtype()));
        List<Tensor> out = new ArrayList<>();
        for (Tensor g : gradients) out.add(g == null ? null : g.mul(coef.cast(g.dtype())));
        return out;
    }

    /** Called once per step before the per-variable updates (e.g. to advance a step counter). */
    protected void beginStep(TensorOps ops) {}

    /** Assigns the new value of {@code variable} from its current value and gradient. */
    protected abstract void update(TensorOps ops, Variable variable, Tensor value, Tensor grad, Tensor lr);

    /** A zero-initialised state variable of the same shape as {@code owner}, created on first use. */
    protected Variable slot(Variable owner, String name) {
        return slots.computeIfAbsent(owner, o -> new LinkedHashMap<>())
                .computeIfAbsent(name, n -> Variable.state(owner.name() + "." + n, HostArray.zeros(owner.dtype(), owner.shape())));
    }

    /** Every state variable created so far (for checkpoints). */
    public List<Variable> stateVariables() {
        List<Variable> out = new ArrayList<>();
        for (Map<String, Variable> m : slots.values()) out.addAll(m.values());
        return out;
    }
}
