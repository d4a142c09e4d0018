package io.juxta.frameworks.tensorflow;

import java.util.ArrayList;
import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * An optimizer's update written as graph ops with PyTorch's formulas, so a staged TensorFlow step moves the
 * weights exactly as the eager torch step does. Quantities that change from step to step (learning rate,
 * bias corrections) are computed on the host in double precision, as torch does, and fed as scalars.
 */
public abstract class GraphOptimizer {
    private double learningRate;
    private long stepsTaken;

    protected GraphOptimizer(double learningRate) {
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        this.learningRate = learningRate;
    }

    public double learningRate() { return learningRate; }

    /** Changes the rate used from the next step on (schedulers call this). */
    public void setLearningRate(double learningRate) { this.learningRate = learningRate; }

    public long stepsTaken() { return stepsTaken; }

    /** Names of the scalars {@link #buildUpdate} reads, in the order {@link #scalarsForStep} returns them. */
    protected abstract List<String> scalarNames();

    /** The scalars for the given 1-based step number. */
    protected abstract double[] scalarsForStep(long step);

    /**
     * Emits the update of every parameter. {@code tf} already carries control dependencies on all gradients,
     * so no update can overwrite a weight that a gradient still reads.
     */
    protected abstract List<Op> buildUpdate(Ops tf, List<StagedParameter> params, List<Operand<TFloat32>> grads,
                                            List<Operand<TFloat32>> scalars, SlotStore slots);

    final double[] nextStepScalars() { return scalarsForStep(stepsTaken + 1); }

    final void stepDone() { stepsTaken++; }

    /** Zero-initialised per-parameter state (momentum buffers, moment estimates), created once and shared by all traces. */
    public interface SlotStore {
        Variable<TFloat32> slot(StagedParameter param, String name);
    }

    /** torch.optim.SGD: weight decay, momentum with dampening, Nesterov. */
    public static final class Sgd extends GraphOptimizer {
        private final double momentum, dampening, weightDecay;
        private final boolean nesterov;

        public Sgd(double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
            super(lr);
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new IllegalArgumentException("Nesterov momentum needs momentum > 0 and dampening = 0 (as in torch.optim.SGD)");
            }
            this.momentum = momentum;
            this.dampening = dampening;
            this.weightDecay = weightDecay;
            this.nesterov = nesterov;
        }

        @Override protected List<String> scalarNames() { return List.of("lr", "gradScale"); }

        // torch starts the momentum buffer as a copy of the first gradient: scale 1 on step 1, then 1 - dampening
        @Override protected double[] scalarsForStep(long step) {
            return new double[] {learningRate(), step == 1 ? 1.0 : 1.0 - dampening};
        }

        @Override protected List<Op> buildUpdate(Ops tf, List<StagedParameter> params, List<Operand<TFloat32>> grads,
                                                 List<Operand<TFloat32>> s, SlotStore slots) {
            Operand<TFloat32> lr = s.get(0), gradScale = s.get(1);
            List<Op> updates = new ArrayList<>();
            for (int i = 0; i < params.size(); i++) {
                StagedParameter param = params.get(i);
                Variable<TFloat32> p = param.floatVariable();
                Operand<TFloat32> d = grads.get(i);
                if (weightDecay != 0) d = tf.math.add(d, tf.math.mul(p, tf.constant((float) weightDecay)));
                if (momentum != 0) {
                    Variable<TFloat32> buf = slots.slot(param, "momentum");
                    Operand<TFloat32> newBuf = tf.math.add(tf.math.mul(buf, tf.constant((float) momentum)), tf.math.mul(d, gradScale));
                    updates.add(tf.assign(buf, newBuf));
                    d = nesterov ? tf.math.add(d, tf.math.mul(newBuf, tf.constant((float) momentum))) : newBuf;
                }
                updates.add(tf.assignSub(p, tf.math.mul(d, lr)));
            }
            return updates;
        }
    }

    /** torch.optim.Adam ({@code decoupled = false}) and torch.optim.AdamW ({@code decoupled = true}); no AMSGrad. */
    public static final class Adam extends GraphOptimizer {
        private final double beta1, beta2, eps, weightDecay;
        private final boolean decoupled;

        public Adam(double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
            super(lr);
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
            this.weightDecay = weightDecay;
            this.decoupled = decoupled;
        }

        @Override protected List<String> scalarNames() { return List.of("stepSize", "biasCorrection2Sqrt", "decayFactor"); }

        @Override protected double[] scalarsForStep(long step) {
            double bc1 = 1 - Math.pow(beta1, step), bc2 = 1 - Math.pow(beta2, step);
            return new double[] {learningRate() / bc1, Math.sqrt(bc2), decoupled ? 1 - learningRate() * weightDecay : 1};
        }

        @Override protected List<Op> buildUpdate(Ops tf, List<StagedParameter> params, List<Operand<TFloat32>> grads,
                                                 List<Operand<TFloat32>> s, SlotStore slots) {
            Operand<TFloat32> stepSize = s.get(0), bc2Sqrt = s.get(1), decay = s.get(2);
            List<Op> updates = new ArrayList<>();
            for (int i = 0; i < params.size(); i++) {
                StagedParameter param = params.get(i);
                Variable<TFloat32> p = param.floatVariable();
                Operand<TFloat32> g = grads.get(i);
                if (!decoupled && weightDecay != 0) g = tf.math.add(g, tf.math.mul(p, tf.constant((float) weightDecay)));
                Variable<TFloat32> m = slots.slot(param, "exp_avg"), v = slots.slot(param, "exp_avg_sq");
                Operand<TFloat32> newM = tf.math.add(tf.math.mul(m, tf.constant((float) beta1)), tf.math.mul(g, tf.constant((float) (1 - beta1))));
                Operand<TFloat32> newV = tf.math.add(tf.math.mul(v, tf.constant((float) beta2)),
                        tf.math.mul(tf.math.mul(g, g), tf.constant((float) (1 - beta2))));
                Operand<TFloat32> denom = tf.math.add(tf.math.div(tf.math.sqrt(newV), bc2Sqrt), tf.constant((float) eps));
                Operand<TFloat32> delta = tf.math.mul(tf.math.div(newM, denom), stepSize);
                updates.add(tf.assign(m, newM));
                updates.add(tf.assign(v, newV));
                if (decoupled && weightDecay != 0) updates.add(tf.assign(p, tf.math.sub(tf.math.mul(p, decay), delta)));
                else updates.add(tf.assignSub(p, delta));
            }
            return updates;
        }
    }

    /** torch.optim.RMSprop: weight decay, momentum, centred variant. */
    public static final class RmsProp extends GraphOptimizer {
        private final double alpha, eps, weightDecay, momentum;
        private final boolean centered;

        public RmsProp(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {
            super(lr);
            this.alpha = alpha;
            this.eps = eps;
            this.weightDecay = weightDecay;
            this.momentum = momentum;
            this.centered = centered;
        }

        @Override protected List<String> scalarNames() { return List.of("lr"); }

        @Override protected double[] scalarsForStep(long step) { return new double[] {learningRate()}; }

        @Override protected List<Op> buildUpdate(Ops tf, List<StagedParameter> params, List<Operand<TFloat32>> grads,
                                                 List<Operand<TFloat32>> s, SlotStore slots) {
            Operand<TFloat32> lr = s.get(0);
            Operand<TFloat32> a = tf.constant((float) alpha), oneMinusA = tf.constant((float) (1 - alpha));
            List<Op> updates = new ArrayList<>();
            for (int i = 0; i < params.size(); i++) {
                StagedParameter param = params.get(i);
                Variable<TFloat32> p = param.floatVariable();
                Operand<TFloat32> g = grads.get(i);
                if (weightDecay != 0) g = tf.math.add(g, tf.math.mul(p, tf.constant((float) weightDecay)));
                Variable<TFloat32> sq = slots.slot(param, "square_avg");
                Operand<TFloat32> newSq = tf.math.add(tf.math.mul(sq, a), tf.math.mul(tf.math.mul(g, g), oneMinusA));
                updates.add(tf.assign(sq, newSq));
                Operand<TFloat32> avg;
                if (centered) {
                    Variable<TFloat32> ga = slots.slot(param, "grad_avg");
                    Operand<TFloat32> newGa = tf.math.add(ga, tf.math.mul(tf.math.sub(g, ga), oneMinusA));
                    updates.add(tf.assign(ga, newGa));
                    avg = tf.math.sqrt(tf.math.sub(newSq, tf.math.mul(newGa, newGa)));
                } else {
                    avg = tf.math.sqrt(newSq);
                }
                avg = tf.math.add(avg, tf.constant((float) eps));
                if (momentum > 0) {
                    Variable<TFloat32> buf = slots.slot(param, "momentum_buffer");
                    Operand<TFloat32> newBuf = tf.math.add(tf.math.mul(buf, tf.constant((float) momentum)), tf.math.div(g, avg));
                    updates.add(tf.assign(buf, newBuf));
                    updates.add(tf.assignSub(p, tf.math.mul(newBuf, lr)));
                } else {
                    updates.add(tf.assignSub(p, tf.math.mul(tf.math.div(g, avg), lr)));
                }
            }
            return updates;
        }
    }
}
