package io.juxta.frameworks.tensorflow.bench;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.HostBatch;
import io.juxta.frameworks.Rng;
import io.juxta.frameworks.nn.Linear;
import io.juxta.frameworks.nn.Loss;
import io.juxta.frameworks.nn.ReLU;
import io.juxta.frameworks.nn.Sequential;
import io.juxta.frameworks.spi.TrainStep;
import io.juxta.frameworks.train.Optim;
import io.juxta.frameworks.train.Optimizer;

import java.util.Arrays;
import java.util.Locale;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.GradientDescent;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Interleaved benchmark, the TF twin of the torch backend's: one SGD step of a 784-128-10 MLP (batch 64)
 * through the portable API on the tf backend versus the research's direct TF graph loop (tensorflow-framework
 * GradientDescent, pre-built input tensors). Prints a table of medians.
 * Usage: MlpStepBenchmark [rounds] [stepsPerRound].
 */
public final class MlpStepBenchmark {
    static final int D = 784, H = 128, C = 10, B = 64;

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Backends.use("tf");
        System.out.println("backend: " + Backends.current().version());
        Rng.seed(0);
        HostArray x = Rng.normal(0, 1, B, D);
        int[] labels = new int[B];
        for (int i = 0; i < B; i++) labels[i] = i % C;
        HostBatch batch = HostBatch.of(x, HostArray.of(labels)).with(Optimizer.LEARNING_RATE, HostArray.scalar(0.1f));

        var model = Sequential.of(Linear.of(D, H), ReLU.of(), Linear.of(H, C));
        TrainStep apiStep = model.trainStep(Optim.sgd(0.1), b -> Loss.crossEntropy().compute(model.forward(b.x()), b.y()));
        try (DirectLoop direct = new DirectLoop(x.toFloatArray(), labels)) {
            double[] api = new double[rounds], graph = new double[rounds];
            for (int w = 0; w < 50; w++) { apiStep.run(batch); direct.step(); }
            for (int r = 0; r < rounds; r++) {
                api[r] = medianMicros(steps, () -> apiStep.run(batch));
                graph[r] = medianMicros(steps, direct::step);
            }
            double a = median(api), g = median(graph);
            System.out.printf(Locale.ROOT, "| variant | median step (µs) |%n|---|---:|%n| portable API (tf backend) | %.0f |%n| direct TF graph (GradientDescent) | %.0f |%n", a, g);
            System.out.printf(Locale.ROOT, "API overhead: %.2fx (%d rounds x %d steps, medians of per-round medians)%n", a / g, rounds, steps);
        }
    }

    static double medianMicros(int steps, Runnable step) {
        double[] t = new double[steps];
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            step.run();
            t[i] = (System.nanoTime() - t0) / 1e3;
        }
        return median(t);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The research's reference loop: one graph, framework GradientDescent, inputs fed from pre-built tensors. */
    static final class DirectLoop implements AutoCloseable {
        final Graph g = new Graph();
        final Session session;
        final Placeholder<TFloat32> xp;
        final Placeholder<TInt32> yp;
        final Operand<TFloat32> loss;
        final Op train;
        final TFloat32 xs;
        final TInt32 ys;

        DirectLoop(float[] x, int[] labels) {
            Ops tf = Ops.create(g);
            xp = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, D)));
            yp = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            Variable<TFloat32> w1 = tf.variable(tf.math.mul(tf.random.randomStandardNormal(tf.constant(new int[] {H, D}), TFloat32.class), tf.constant(0.03f)));
            Variable<TFloat32> b1 = tf.variable(tf.zeros(tf.constant(new int[] {H}), TFloat32.class));
            Variable<TFloat32> w2 = tf.variable(tf.math.mul(tf.random.randomStandardNormal(tf.constant(new int[] {C, H}), TFloat32.class), tf.constant(0.08f)));
            Variable<TFloat32> b2 = tf.variable(tf.zeros(tf.constant(new int[] {C}), TFloat32.class));
            Operand<TFloat32> h = tf.nn.relu(tf.math.add(tf.linalg.matMul(xp, w1, MatMul.transposeB(true)), b1));
            Operand<TFloat32> logits = tf.math.add(tf.linalg.matMul(h, w2, MatMul.transposeB(true)), b2);
            loss = tf.math.mean(tf.nn.sparseSoftmaxCrossEntropyWithLogits(logits, yp).loss(), tf.constant(0));
            train = new GradientDescent(g, 0.1f).minimize(loss);
            session = new Session(g);
            session.initialize();
            xs = TFloat32.tensorOf(Shape.of(B, D), DataBuffers.of(x, true, false));
            ys = TInt32.tensorOf(Shape.of(B), DataBuffers.of(labels, true, false));
        }

        void step() {
            try (Result r = session.runner().feed(xp, xs).feed(yp, ys).addTarget(train).fetch(loss).run()) {
                ((TFloat32) r.get(0)).getFloat();
            }
        }

        @Override public void close() {
            xs.close();
            ys.close();
            session.close();
            g.close();
        }
    }
}
