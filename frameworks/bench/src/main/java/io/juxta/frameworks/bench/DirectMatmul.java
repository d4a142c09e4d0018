package io.juxta.frameworks.bench;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.global.torch;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A square float32 matmul straight through the library, the reference for the portable op. */
interface DirectMatmul extends AutoCloseable {
    /** Runs one product (the result freed) and returns something of it, so nothing is optimised away. */
    double run();

    @Override void close();

    /** libtorch: {@code a.matmul(b)} in a PointerScope. */
    @SuppressWarnings("try")
    final class Torch implements DirectMatmul {
        private final org.bytedeco.pytorch.Tensor a, b;

        Torch(float[] a, float[] b, int n) {
            this.a = torch.from_blob(new FloatPointer(a), n, n).clone();
            this.b = torch.from_blob(new FloatPointer(b), n, n).clone();
        }

        @Override public double run() {
            try (PointerScope s = new PointerScope()) { return a.matmul(b).size(0); }
        }

        @Override public void close() {}
    }

    /** A TensorFlow graph holding both matrices as constants: one {@code Session.run} per product, its result closed. */
    final class Tf implements DirectMatmul {
        private final Graph graph = new Graph();
        private final Session session;
        private final Operand<TFloat32> product;

        Tf(float[] a, float[] b, int n) {
            Ops tf = Ops.create(graph);
            product = tf.linalg.matMul(tf.constant(Shape.of(n, n), DataBuffers.of(a, true, false)), tf.constant(Shape.of(n, n), DataBuffers.of(b, true, false)));
            session = new Session(graph);
        }

        @Override public double run() {
            try (Result r = session.runner().fetch(product).run()) { return r.get(0).shape().get(0); }
        }

        @Override public void close() {
            session.close();
            graph.close();
        }
    }
}
