package io.juxta.frameworks.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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

/** One SGD step of the MLP 784-128-10, batch 64: the portable API against the library's own loop, per backend. */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MlpStepBench {
    @Param({"torch", "tf"})
    public String backend;

    private MlpFixture data;
    private MlpFixture.ApiModel api;
    private DirectTorchMlp torchDirect;
    private DirectTfMlp tfDirect;

    @Setup(Level.Trial)
    public void setUp() {
        data = new MlpFixture();
        api = new MlpFixture.ApiModel(backend);
        api.step.run(data.batch);     // loads natives, traces on tf (and registers TF's missing gradients)
        if (backend.equals("torch")) torchDirect = new DirectTorchMlp(data);
        else tfDirect = new DirectTfMlp(data);
    }

    @TearDown(Level.Trial)
    public void tearDown() { if (tfDirect != null) tfDirect.close(); }

    @Benchmark
    public double portableApi() { return api.step.run(data.batch).loss(); }

    @Benchmark
    public double direct() { return backend.equals("torch") ? torchDirect.step() : tfDirect.step(); }
}
