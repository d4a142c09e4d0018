package io.juxta.frameworks.torch.bench;

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
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.SGD;
import org.bytedeco.pytorch.SGDOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

import java.util.Arrays;
import java.util.Locale;

/**
 * Interleaved benchmark: one training step of a 784-128-10 MLP (batch 64, plain SGD) through the portable API
 * versus a direct libtorch loop (nn::Linear modules + torch::optim::SGD). Prints a table of medians.
 * Usage: MlpStepBenchmark [rounds] [stepsPerRound]. Run with OPENBLAS_THREAD_TIMEOUT=4.
 */
@SuppressWarnings("try")   // scopes and guards work by being open, not by being referenced
public final class MlpStepBenchmark {
    static final int D = 784, H = 128, C = 10, B = 64;

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Backends.use("torch");
        System.out.println("backend: " + Backends.current().version() + ", OPENBLAS_THREAD_TIMEOUT=" + System.getenv("OPENBLAS_THREAD_TIMEOUT"));
        Rng.seed(0);
        HostArray x = Rng.normal(0, 1, B, D);
        int[] labels = new int[B];
        for (int i = 0; i < B; i++) labels[i] = i % C;
        HostBatch batch = HostBatch.of(x, HostArray.of(labels)).with(Optimizer.LEARNING_RATE, HostArray.scalar(0.1f));

        var model = Sequential.of(Linear.of(D, H), ReLU.of(), Linear.of(H, C));
        TrainStep apiStep = model.trainStep(Optim.sgd(0.1), b -> Loss.crossEntropy().compute(model.forward(b.x()), b.y()));
        DirectLoop direct = new DirectLoop(x.toFloatArray(), labels);

        double[] api = new double[rounds], lib = new double[rounds];
        for (int w = 0; w < 50; w++) { apiStep.run(batch); direct.step(); }
        for (int r = 0; r < rounds; r++) {
            api[r] = medianMicros(steps, () -> apiStep.run(batch));
            lib[r] = medianMicros(steps, direct::step);
        }
        double a = median(api), l = median(lib);
        io.juxta.frameworks.Tensor ta = io.juxta.frameworks.Ops.tensor(new float[]{1f}), tb = io.juxta.frameworks.Ops.tensor(new float[]{2f});
        Tensor na = torch.ones(1), nb = torch.ones(1);
        double[] tinyApi = new double[rounds], tinyLib = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            tinyApi[r] = medianMicros(steps * 10, () -> { try (PointerScope s = new PointerScope()) { ta.add(tb); } });
            tinyLib[r] = medianMicros(steps * 10, () -> { try (PointerScope s = new PointerScope()) { na.add(nb); } });
        }
        System.out.printf(Locale.ROOT, "| variant | median step (µs) |%n|---|---:|%n| portable API (torch backend) | %.0f |%n| direct libtorch (Module + optim::SGD) | %.0f |%n", a, l);
        System.out.printf(Locale.ROOT, "| tiny add, portable API | %.2f |%n| tiny add, direct libtorch | %.2f |%n", median(tinyApi), median(tinyLib));
        System.out.printf(Locale.ROOT, "API overhead: %.2fx (%d rounds x %d steps, medians of per-round medians)%n", a / l, rounds, steps);
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

    /** The research's reference loop: libtorch modules and optimizer, one PointerScope per step. */
    static final class DirectLoop {
        final Module net = new Module();
        final LinearImpl fc1, fc2;
        final SGD opt;
        final Tensor xs, ys;

        DirectLoop(float[] x, int[] labels) {
            fc1 = net.register_module("fc1", new LinearImpl(D, H));
            fc2 = net.register_module("fc2", new LinearImpl(H, C));
            opt = new SGD(net.parameters(), new SGDOptions(0.1));
            xs = torch.from_blob(new FloatPointer(x), B, D).clone();
            long[] l = new long[labels.length];
            for (int i = 0; i < l.length; i++) l[i] = labels[i];
            ys = torch.from_blob(new LongPointer(l), new long[]{B}, new TensorOptions(torch.ScalarType.Long)).clone();
        }

        void step() {
            try (PointerScope scope = new PointerScope()) {
                opt.zero_grad();
                Tensor loss = torch.cross_entropy(fc2.forward(torch.relu(fc1.forward(xs))), ys);
                loss.backward();
                opt.step();
                loss.item_float();
            }
        }
    }
}
