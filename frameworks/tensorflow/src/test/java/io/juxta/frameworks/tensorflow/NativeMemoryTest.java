package io.juxta.frameworks.tensorflow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.frameworks.Backend;
import io.juxta.frameworks.Backends;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.HostBatch;
import io.juxta.frameworks.MemoryScope;
import io.juxta.frameworks.Rng;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.nn.Linear;
import io.juxta.frameworks.nn.Loss;
import io.juxta.frameworks.nn.Model;
import io.juxta.frameworks.nn.ReLU;
import io.juxta.frameworks.nn.Sequential;
import io.juxta.frameworks.spi.StepOutput;
import io.juxta.frameworks.spi.TrainStep;
import io.juxta.frameworks.train.Optim;
import io.juxta.frameworks.train.Optimizer;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Native memory over many steps and many eager ops (research §6: unclosed results grow by hundreds of MB).
 * Prints RSS; the bound checked (on RSS minus the committed Java heap) is far below what one leaked batch
 * per step would add.
 */
class NativeMemoryTest {
    static Backend tf;

    @BeforeAll static void select() {
        Backends.use("tf");
        tf = Backends.current();
    }

    /** Resident memory outside the Java heap: RSS minus the heap's committed size, so garbage does not count. */
    static long nativeMiB() {
        return rssMiB() - Runtime.getRuntime().totalMemory() / (1024 * 1024);
    }

    static long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    @Test void stagedTrainingStepsStayFlat() {
        Rng.seed(3);
        Model model = Model.of(Sequential.of(Linear.of(784, 128), ReLU.of(), Linear.of(128, 10)));
        TrainStep step = tf.compileTrainStep(b -> StepOutput.of(Loss.crossEntropy().compute(model.forward(b.x()), b.y())),
                model.parameters(), Optim.adam(1e-3).updateRule());
        float[] x = new float[64 * 784];
        long[] y = new long[64];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i);
        for (int i = 0; i < y.length; i++) y[i] = i % 10;
        HostBatch batch = HostBatch.of(HostArray.of(x, 64, 784), HostArray.of(y, 64)).with(Optimizer.LEARNING_RATE, HostArray.scalar(1e-3f));
        long warm = 0;
        for (int s = 1; s <= 4000; s++) {
            step.run(batch);      // each step feeds 200 KB of input: a leaked feed or result would add ~750 MB here
            if (s == 500) warm = nativeMiB();
            if (s % 1000 == 0) System.out.printf("tf staged MLP step %d: RSS %d MiB, outside the heap %d MiB%n", s, rssMiB(), nativeMiB());
        }
        long growth = nativeMiB() - warm;
        System.out.printf("tf staged MLP: growth outside the heap over steps 500-4000: %+d MiB%n", growth);
        assertTrue(growth < 100, "RSS grew by " + growth + " MiB over 3500 steps");
    }

    @SuppressWarnings("try")
    @Test void eagerOpsInScopesStayFlat() {
        float[] v = new float[128 * 128];
        Tensor base = tf.ops().fromHost(HostArray.of(v, 128, 128));
        for (int i = 0; i < 1000; i++) try (MemoryScope s = tf.openScope()) { tf.ops().exp(base).sum().item(); }
        long warm = nativeMiB();
        for (int i = 0; i < 5000; i++) {
            try (MemoryScope s = tf.openScope()) {     // each iteration makes a 64 KB result
                tf.ops().exp(base).sum().item();
            }
        }
        long growth = nativeMiB() - warm;
        System.out.printf("tf eager exp(128x128) x5000 in scopes: growth outside the heap %+d MiB (RSS %d MiB)%n", growth, rssMiB());
        // without scopes this loop grows by about 300 MiB (570 MiB per 10k measured)
        assertTrue(growth < 150, "RSS grew by " + growth + " MiB over 5000 scoped eager ops");
    }
}
