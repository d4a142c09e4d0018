package io.juxta.frameworks.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Each graph optimizer against a plain-Java transcription of the torch.optim update rule, on the loss
 * sum(c * p^2) / 2 + sum(d * p) whose gradient c * p + d depends on the weights.
 */
class GraphOptimizerTest {
    static final float[] P0 = {0.5f, -1.25f, 2f, 0.01f};
    static final float[] C = {1f, 0.5f, 2f, 3f};
    static final float[] D = {0.1f, -0.2f, 0.3f, -0.05f};
    static final int STEPS = 7;

    /** Runs STEPS graph steps and returns the weights after each. */
    static float[][] runGraph(Supplier<GraphOptimizer> make) {
        try (StagedGraph g = new StagedGraph()) {
            StagedParameter p = g.addParameter("p", P0, P0.length);
            StepTrace trace = (tf, in) -> {
                Operand<TFloat32> c = tf.constant(C), d = tf.constant(D);
                Operand<TFloat32> quad = tf.math.mul(tf.math.mul(c, tf.math.square(p.value())), tf.constant(0.5f));
                Operand<TFloat32> loss = tf.sum(tf.math.add(quad, tf.math.mul(d, p.value())), tf.constant(0));
                return List.of(loss);
            };
            GraphOptimizer opt = make.get();
            CompiledStep step = g.trainStep(new StepSignature(List.of()), trace, opt);
            float[][] out = new float[STEPS][];
            for (int s = 0; s < STEPS; s++) {
                step.run(List.of());
                out[s] = g.read(p);
            }
            assertEquals(STEPS, opt.stepsTaken());
            return out;
        }
    }

    static double[] grad(double[] p) {
        double[] g = new double[p.length];
        for (int i = 0; i < p.length; i++) g[i] = C[i] * p[i] + D[i];
        return g;
    }

    static double[] start() {
        double[] p = new double[P0.length];
        for (int i = 0; i < p.length; i++) p[i] = P0[i];
        return p;
    }

    static void assertClose(double[] expected, float[] actual, int step) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 2e-5 * Math.max(1, Math.abs(expected[i])), "step " + step + " weight " + i);
        }
    }

    void checkSgd(double lr, double momentum, double dampening, double wd, boolean nesterov) {
        float[][] got = runGraph(() -> new GraphOptimizer.Sgd(lr, momentum, dampening, wd, nesterov));
        double[] p = start(), buf = null;
        for (int s = 0; s < STEPS; s++) {
            double[] d = grad(p);
            for (int i = 0; i < p.length; i++) d[i] += wd * p[i];
            if (momentum != 0) {
                if (buf == null) buf = d.clone();
                else for (int i = 0; i < p.length; i++) buf[i] = momentum * buf[i] + (1 - dampening) * d[i];
                for (int i = 0; i < p.length; i++) d[i] = nesterov ? d[i] + momentum * buf[i] : buf[i];
            }
            for (int i = 0; i < p.length; i++) p[i] -= lr * d[i];
            assertClose(p, got[s], s);
        }
    }

    @Test void plainSgd() { checkSgd(0.1, 0, 0, 0, false); }

    @Test void sgdWithMomentumDampeningAndWeightDecay() { checkSgd(0.05, 0.9, 0.3, 0.01, false); }

    @Test void sgdNesterov() { checkSgd(0.05, 0.9, 0, 0.001, true); }

    @Test void nesterovWithoutMomentumIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new GraphOptimizer.Sgd(0.1, 0, 0, 0, true));
    }

    void checkAdam(double lr, double b1, double b2, double eps, double wd, boolean decoupled) {
        float[][] got = runGraph(() -> new GraphOptimizer.Adam(lr, b1, b2, eps, wd, decoupled));
        double[] p = start(), m = new double[p.length], v = new double[p.length];
        for (int s = 1; s <= STEPS; s++) {
            double[] g = grad(p);
            for (int i = 0; i < p.length; i++) {
                if (decoupled) p[i] *= 1 - lr * wd;
                else g[i] += wd * p[i];
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(b1, s)), vHat = v[i] / (1 - Math.pow(b2, s));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
            assertClose(p, got[s - 1], s);
        }
    }

    @Test void adam() { checkAdam(0.01, 0.9, 0.999, 1e-8, 0, false); }

    @Test void adamWithL2WeightDecay() { checkAdam(0.01, 0.8, 0.99, 1e-6, 0.1, false); }

    @Test void adamW() { checkAdam(0.01, 0.9, 0.999, 1e-8, 0.05, true); }

    void checkRmsProp(double lr, double alpha, double eps, double wd, double momentum, boolean centered) {
        float[][] got = runGraph(() -> new GraphOptimizer.RmsProp(lr, alpha, eps, wd, momentum, centered));
        double[] p = start(), sq = new double[p.length], ga = new double[p.length], buf = new double[p.length];
        for (int s = 0; s < STEPS; s++) {
            double[] g = grad(p);
            for (int i = 0; i < p.length; i++) {
                g[i] += wd * p[i];
                sq[i] = alpha * sq[i] + (1 - alpha) * g[i] * g[i];
                double avg;
                if (centered) {
                    ga[i] = alpha * ga[i] + (1 - alpha) * g[i];
                    avg = Math.sqrt(sq[i] - ga[i] * ga[i]) + eps;
                } else {
                    avg = Math.sqrt(sq[i]) + eps;
                }
                if (momentum > 0) {
                    buf[i] = momentum * buf[i] + g[i] / avg;
                    p[i] -= lr * buf[i];
                } else {
                    p[i] -= lr * g[i] / avg;
                }
            }
            assertClose(p, got[s], s);
        }
    }

    @Test void rmsProp() { checkRmsProp(0.01, 0.99, 1e-8, 0, 0, false); }

    @Test void rmsPropCenteredWithMomentumAndWeightDecay() { checkRmsProp(0.01, 0.9, 1e-8, 0.01, 0.5, true); }

    @Test void learningRateChangesApplyToTheNextStep() {
        try (StagedGraph g = new StagedGraph()) {
            StagedParameter p = g.addParameter("p", new float[] {1f}, 1);
            GraphOptimizer opt = new GraphOptimizer.Sgd(0.5, 0, 0, 0, false);
            CompiledStep step = g.trainStep(new StepSignature(List.of()), (tf, in) -> List.of(tf.sum(p.value(), tf.constant(0))), opt);
            step.run(List.of());
            assertArrayEquals(new float[] {0.5f}, g.read(p));
            opt.setLearningRate(0.25);
            step.run(List.of());
            assertArrayEquals(new float[] {0.25f}, g.read(p));
        }
    }
}
