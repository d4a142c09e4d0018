package io.juxta.frameworks.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.juxta.frameworks.Backend;
import io.juxta.frameworks.Backends;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.HostBatch;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.Variable;
import io.juxta.frameworks.spi.StepOutput;
import io.juxta.frameworks.spi.TrainStep;
import io.juxta.frameworks.train.Optim;
import io.juxta.frameworks.train.Optimizer;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The portable optimizers traced into TF steps against plain-Java transcriptions of the torch.optim update
 * rules, on the loss sum(c * p^2) / 2 + sum(d * p) whose gradient c * p + d depends on the weights. A wrong
 * ordering of reads and assigns in the staged step would show up here as a mismatch.
 */
class TfOptimizerFormulaTest {
    static final float[] P0 = {0.5f, -1.25f, 2f, 0.01f};
    static final float[] C = {1f, 0.5f, 2f, 3f};
    static final float[] D = {0.1f, -0.2f, 0.3f, -0.05f};
    static final int STEPS = 7;
    static Backend tf;

    @BeforeAll static void select() {
        Backends.use("tf");
        tf = Backends.current();
    }

    /** Runs STEPS staged steps at learning rate lr and returns the weights after each. */
    static float[][] runStaged(Optimizer opt, double lr) {
        Variable p = Variable.trainable("formula.p", HostArray.of(P0.clone(), P0.length));
        TrainStep step = tf.compileTrainStep(b -> {
            Tensor v = p.value();
            Tensor c = tf.ops().fromHost(HostArray.of(C, C.length)), d = tf.ops().fromHost(HostArray.of(D, D.length));
            return StepOutput.of(c.mul(v.square()).mul(0.5).add(d.mul(v)).sum());
        }, List.of(p), opt.updateRule());
        HostBatch batch = HostBatch.of(Optimizer.LEARNING_RATE, HostArray.scalar((float) lr));
        float[][] out = new float[STEPS][];
        for (int s = 0; s < STEPS; s++) {
            step.run(batch);
            out[s] = p.toHost().toFloatArray().clone();
        }
        return out;
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

    void checkSgd(double lr, double momentum, boolean nesterov, double wd) {
        float[][] got = runStaged(Optim.sgd(lr, momentum, nesterov, wd), lr);
        double[] p = start(), buf = null;
        for (int s = 0; s < STEPS; s++) {
            double[] d = grad(p);
            for (int i = 0; i < p.length; i++) d[i] += wd * p[i];
            if (momentum != 0) {
                if (buf == null) buf = d.clone();
                else for (int i = 0; i < p.length; i++) buf[i] = momentum * buf[i] + d[i];
                for (int i = 0; i < p.length; i++) d[i] = nesterov ? d[i] + momentum * buf[i] : buf[i];
            }
            for (int i = 0; i < p.length; i++) p[i] -= lr * d[i];
            assertClose(p, got[s], s);
        }
    }

    @Test void plainSgd() { checkSgd(0.1, 0, false, 0); }

    @Test void sgdWithMomentumAndWeightDecay() { checkSgd(0.05, 0.9, false, 0.01); }

    @Test void sgdNesterov() { checkSgd(0.05, 0.9, true, 0.001); }

    void checkAdam(Optimizer opt, double lr, double b1, double b2, double eps, double wd, boolean decoupled) {
        float[][] got = runStaged(opt, lr);
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

    @Test void adam() { checkAdam(Optim.adam(0.01), 0.01, 0.9, 0.999, 1e-8, 0, false); }

    @Test void adamWithL2WeightDecay() { checkAdam(Optim.adam(0.01, 0.8, 0.99, 1e-6, 0.1), 0.01, 0.8, 0.99, 1e-6, 0.1, false); }

    @Test void adamW() { checkAdam(Optim.adamW(0.01, 0.05), 0.01, 0.9, 0.999, 1e-8, 0.05, true); }

    void checkRmsProp(double lr, double alpha, double eps, double momentum) {
        float[][] got = runStaged(Optim.rmsprop(lr, alpha, eps, momentum), lr);
        double[] p = start(), sq = new double[p.length], buf = new double[p.length];
        for (int s = 0; s < STEPS; s++) {
            double[] g = grad(p);
            for (int i = 0; i < p.length; i++) {
                sq[i] = alpha * sq[i] + (1 - alpha) * g[i] * g[i];
                double avg = Math.sqrt(sq[i]) + eps;
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

    @Test void rmsProp() { checkRmsProp(0.01, 0.99, 1e-8, 0); }

    @Test void rmsPropWithMomentum() { checkRmsProp(0.01, 0.9, 1e-8, 0.5); }
}
