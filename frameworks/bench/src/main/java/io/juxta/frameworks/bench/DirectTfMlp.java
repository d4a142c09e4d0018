package io.juxta.frameworks.bench;

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

import static io.juxta.frameworks.bench.MlpFixture.B;
import static io.juxta.frameworks.bench.MlpFixture.C;
import static io.juxta.frameworks.bench.MlpFixture.D;
import static io.juxta.frameworks.bench.MlpFixture.H;

/** The research's reference loop: one graph, tensorflow-framework GradientDescent, inputs fed from pre-built tensors. */
final class DirectTfMlp implements AutoCloseable {
    private final Graph g = new Graph();
    private final Session session;
    private final Placeholder<TFloat32> xp;
    private final Placeholder<TInt32> yp;
    private final Operand<TFloat32> loss;
    private final Op train;
    private final TFloat32 xs;
    private final TInt32 ys;
    private final float[] hostX;

    DirectTfMlp(MlpFixture data) {
        Ops tf = Ops.create(g);
        xp = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, D)));
        yp = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        Variable<TFloat32> w1 = tf.variable(tf.math.mul(tf.random.randomStandardNormal(tf.constant(new int[]{H, D}), TFloat32.class), tf.constant(0.03f)));
        Variable<TFloat32> b1 = tf.variable(tf.zeros(tf.constant(new int[]{H}), TFloat32.class));
        Variable<TFloat32> w2 = tf.variable(tf.math.mul(tf.random.randomStandardNormal(tf.constant(new int[]{C, H}), TFloat32.class), tf.constant(0.08f)));
        Variable<TFloat32> b2 = tf.variable(tf.zeros(tf.constant(new int[]{C}), TFloat32.class));
        Operand<TFloat32> h = tf.nn.relu(tf.math.add(tf.linalg.matMul(xp, w1, MatMul.transposeB(true)), b1));
        Operand<TFloat32> logits = tf.math.add(tf.linalg.matMul(h, w2, MatMul.transposeB(true)), b2);
        loss = tf.math.mean(tf.nn.sparseSoftmaxCrossEntropyWithLogits(logits, yp).loss(), tf.constant(0));
        train = new GradientDescent(g, MlpFixture.LR).minimize(loss);
        session = new Session(g);
        session.initialize();
        xs = TFloat32.tensorOf(Shape.of(B, D), DataBuffers.of(data.x, true, false));
        hostX = data.x;
        ys = TInt32.tensorOf(Shape.of(B), DataBuffers.of(data.labels, true, false));
    }

    /** The same step after copying the host batch into the fed tensor, as a loop over new batches must. */
    double stepWithCopy() {
        xs.copyFrom(DataBuffers.of(hostX, true, false));
        return step();
    }

    double step() {
        try (Result r = session.runner().feed(xp, xs).feed(yp, ys).addTarget(train).fetch(loss).run()) {
            return ((TFloat32) r.get(0)).getFloat();
        }
    }

    @Override public void close() {
        xs.close();
        ys.close();
        session.close();
        g.close();
    }
}
