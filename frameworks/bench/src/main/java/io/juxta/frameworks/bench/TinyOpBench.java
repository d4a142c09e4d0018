package io.juxta.frameworks.bench;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.Ops;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** Dispatch cost of one tiny op on torch (add of two 1-element tensors, result freed): portable API against libtorch. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@SuppressWarnings("try")   // scopes work by being open, not by being referenced
public class TinyOpBench {
    private io.juxta.frameworks.Tensor apiA, apiB;
    private Tensor a, b;

    @Setup
    public void setUp() {
        Backends.use("torch");
        apiA = Ops.tensor(new float[]{1f});
        apiB = Ops.tensor(new float[]{2f});
        a = torch.ones(1);
        b = torch.ones(1);
    }

    @Benchmark
    public void portableApi() {
        try (PointerScope s = new PointerScope()) { apiA.add(apiB); }
    }

    @Benchmark
    public void direct() {
        try (PointerScope s = new PointerScope()) { a.add(b); }
    }
}
