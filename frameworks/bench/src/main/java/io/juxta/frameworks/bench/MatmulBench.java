package io.juxta.frameworks.bench;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.MemoryScope;
import io.juxta.frameworks.Ops;
import io.juxta.frameworks.Rng;
import io.juxta.frameworks.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** A 1024² float32 matmul: the portable op (eager on both backends) against libtorch's call / a TF graph run. */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MatmulBench {
    static final int N = 1024;

    @Param({"torch", "tf"})
    public String backend;

    private Tensor apiA, apiB;
    private DirectMatmul direct;

    @Setup
    public void setUp() {
        Backends.use(backend);
        Rng.seed(3);
        HostArray a = Rng.normal(0, 1, N, N), b = Rng.normal(0, 1, N, N);
        apiA = Ops.tensor(a);
        apiB = Ops.tensor(b);
        direct = backend.equals("torch") ? new DirectMatmul.Torch(a.toFloatArray(), b.toFloatArray(), N)
                : new DirectMatmul.Tf(a.toFloatArray(), b.toFloatArray(), N);
    }

    @TearDown
    public void tearDown() { direct.close(); }

    @Benchmark
    public double portableApi() {
        try (MemoryScope s = Backends.current().openScope()) {
            Tensor c = apiA.matmul(apiB);
            return c.shape()[0];
        }
    }

    @Benchmark
    public double direct() { return direct.run(); }
}
