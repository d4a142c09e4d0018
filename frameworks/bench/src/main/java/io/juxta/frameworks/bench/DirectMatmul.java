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
import org.tensorflow.op.core.Placeholder;
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

    /** A TensorFlow graph fed both matrices from pre-built tensors (constants would be folded): one run per product. */
    final class Tf implements DirectMatmul {
        private final Graph graph = new Graph();
        private final Session session;
        private final Placeholder<TFloat32> a, b;
        private final Operand<TFloat32> product;
        private final TFloat32 aValues, bValues;

        Tf(float[] a, float[] b, int n) {
            Ops tf = Ops.create(graph);
            this.a = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, n)));
            this.b = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, n)));
            product = tf.linalg.matMul(this.a, this.b);
            session = new Session(graph);
            aValues = TFloat32.tensorOf(Shape.of(n, n), DataBuffers.of(a, true, false));
            bValues = TFloat32.tensorOf(Shape.of(n, n), DataBuffers.of(b, true, false));
        }

        @Override public double run() {
            try (Result r = session.runner().feed(a, aValues).feed(b, bValues).fetch(product).run()) { return r.get(0).shape().get(0); }
        }

        @Override public void close() {
            aValues.close();
            bValues.close();
            session.close();
            graph.close();
        }
    }
}
