package io.juxta.frameworks.bench;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.HostBatch;
import io.juxta.frameworks.Rng;
import io.juxta.frameworks.Variable;
import io.juxta.frameworks.nn.Linear;
import io.juxta.frameworks.nn.Loss;
import io.juxta.frameworks.nn.ReLU;
import io.juxta.frameworks.nn.Sequential;
import io.juxta.frameworks.spi.TrainStep;
import io.juxta.frameworks.train.Optim;
import io.juxta.frameworks.train.Optimizer;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The benchmarked model and data: an MLP 784-128-10 with ReLU, cross-entropy, plain SGD (lr 0.1), one fixed batch
 * of 64 Gaussian rows with labels {@code i % 10}. Every variant (portable API, direct library, Python) trains
 * this same model on this same batch.
 */
final class MlpFixture {
    static final int D = 784, H = 128, C = 10, B = 64;
    static final float LR = 0.1f;

    final float[] x;
    final int[] labels = new int[B];
    final HostBatch batch;

    MlpFixture() {
        Rng.seed(0);
        HostArray xs = Rng.normal(0, 1, B, D);
        x = xs.toFloatArray();
        for (int i = 0; i < B; i++) labels[i] = i % C;
        batch = HostBatch.of(xs, HostArray.of(labels)).with(Optimizer.LEARNING_RATE, HostArray.scalar(LR));
    }

    /** A portable-API model built on {@code backend} from the seeded initial weights, and its step. */
    static final class ApiModel {
        final Sequential model;
        final TrainStep step;

        ApiModel(String backend) {
            Backends.use(backend);
            Rng.seed(1);
            model = Sequential.of(Linear.of(D, H), ReLU.of(), Linear.of(H, C));
            step = model.trainStep(Optim.sgd(LR), b -> Loss.crossEntropy().compute(model.forward(b.x()), b.y()));
        }

        List<Variable> parameters() { return model.parameters(); }
    }

    /**
     * Writes the batch and the initial weights (fc1.weight, fc1.bias, fc2.weight, fc2.bias) for the Python script:
     * four int32 header values (B, D, H, C), then x, labels (int32) and the weights, all little-endian float32.
     */
    void writeFor(Path file, List<Variable> initialWeights) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(B).putInt(D).putInt(H).putInt(C);
            out.write(header.array());
            writeFloats(out, x);
            ByteBuffer l = ByteBuffer.allocate(4 * B).order(ByteOrder.LITTLE_ENDIAN);
            for (int v : labels) l.putInt(v);
            out.write(l.array());
            for (Variable v : initialWeights) writeFloats(out, v.toHost().toFloatArray());
        }
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putFloat(v);
        out.write(b.array());
    }
}
