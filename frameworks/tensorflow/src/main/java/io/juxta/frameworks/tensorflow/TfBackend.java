package io.juxta.frameworks.tensorflow;

import io.juxta.frameworks.Backend;
import io.juxta.frameworks.Capability;
import io.juxta.frameworks.Device;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.HostBatch;
import io.juxta.frameworks.MemoryScope;
import io.juxta.frameworks.UnsupportedFeatureException;
import io.juxta.frameworks.Variable;
import io.juxta.frameworks.spi.CompiledFunction;
import io.juxta.frameworks.spi.GradientResult;
import io.juxta.frameworks.spi.InferenceFunction;
import io.juxta.frameworks.spi.Objective;
import io.juxta.frameworks.spi.ScalarFunction;
import io.juxta.frameworks.spi.TensorOps;
import io.juxta.frameworks.spi.TrainStep;
import io.juxta.frameworks.spi.UpdateRule;
import io.juxta.frameworks.spi.VariableHandle;

import java.util.List;

import org.tensorflow.EagerSession;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;

/**
 * The staged TensorFlow backend. Each compiled training step or function has its own graph and session (traced
 * once per input signature), freed when it is closed or unreachable, so repeated fits do not grow one graph
 * forever; variables keep their value on the host or in the graph that wrote them last and move to the graph
 * that runs next. Plain tensor work outside a step runs eagerly. TensorFlow Java has no eager gradients, so there are none outside compiled steps.
 */
public final class TfBackend implements Backend {
    private final Object staging = new Object();
    private final java.util.Set<StagedGraph> openGraphs = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final EagerSession eager = EagerSession.create();
    private final Ops eagerOps = Ops.create(new TrackedEagerEnvironment(eager));
    private final TfOps ops = new TfOps(this);
    private final TensorOps userOps = TfErrors.translating(ops);
    private final TfStepCompiler compiler = new TfStepCompiler(this);
    private java.util.SplittableRandom seeds = new java.util.SplittableRandom();

    TfBackend() {}

    /** The lock of all graph runs and variable bookkeeping (variable copies move between graphs under it). */
    Object staging() { return staging; }

    /** A new graph for one compiled step or function; see {@link #closeGraph}. */
    StagedGraph newGraph() {
        synchronized (staging) {
            StagedGraph g = new StagedGraph();
            openGraphs.add(g);
            return g;
        }
    }

    /** Frees a compiled program's graph once its variables' newest values are safe elsewhere; idempotent. */
    void closeGraph(StagedGraph g) {
        synchronized (staging) {
            openGraphs.remove(g);
            g.close();
        }
    }

    /** For tests: the graphs of compiled programs not yet closed. */
    java.util.List<StagedGraph> openGraphs() {
        synchronized (staging) {
            return java.util.List.copyOf(openGraphs);
        }
    }

    Ops eagerOps() { return eagerOps; }

    TfOps tensorOps() { return ops; }

    /** A fresh non-zero seed pair for the next random op, drawn from the generator {@link #manualSeed} resets. */
    synchronized long[] nextSeeds() {
        return new long[] {seeds.nextLong(1, Long.MAX_VALUE), seeds.nextLong(1, Long.MAX_VALUE)};
    }

    @Override public String name() { return "tf"; }

    @Override public String version() { return "TensorFlow " + TensorFlow.version() + " (TensorFlow Java " + javaApiVersion() + ", CPU)"; }

    /** The tensorflow-core-api version from its Maven metadata (its manifest carries none). */
    private static String javaApiVersion() {
        try (var in = TensorFlow.class.getResourceAsStream("/META-INF/maven/org.tensorflow/tensorflow-core-api/pom.properties")) {
            if (in == null) return "unknown";
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    @Override public TensorOps ops() { return userOps; }

    @Override public boolean supports(Capability capability) {
        return switch (capability) {
            case FLOAT64 -> true;
            case MEMORY_SCOPES -> TfMemoryScope.canRelease();
            case EAGER_GRADIENTS, EAGER_EXECUTION, GPU, RANDOM_PARITY -> false;
        };
    }

    @Override public boolean isAvailable(Device device) { return device.kind() == Device.Kind.CPU; }

    @Override public Device device() { return Device.CPU; }

    @Override public void useDevice(Device device) {
        if (device.kind() != Device.Kind.CPU) {
            throw new UnsupportedFeatureException(Capability.GPU, name(), "The tf backend runs on the CPU natives"
                    + " (tensorflow-core-native linux-x86_64); " + device + " is not available. Use %device cpu.");
        }
    }

    @Override public synchronized void manualSeed(long seed) { seeds = new java.util.SplittableRandom(seed); }

    @Override public VariableHandle createVariable(Variable variable, HostArray initial) {
        return new TfVariable(this, variable.name(), TfTypes.tfType(initial.dtype()), TfTypes.toTensor(initial));
    }

    @Override public MemoryScope openScope() { return new TfMemoryScope(); }

    @Override public TrainStep compileTrainStep(Objective objective, List<Variable> trainable, UpdateRule update) {
        return compiler.compileTrainStep(objective, trainable, update);
    }

    @Override public CompiledFunction compileFunction(InferenceFunction function) { return compiler.compileFunction(function); }

    @Override public GradientResult gradients(ScalarFunction function, HostBatch at, List<String> wrtInputs, List<Variable> wrtVariables) {
        return compiler.gradients(function, at, wrtInputs, wrtVariables);
    }

    @Override public String toString() { return "tf backend (" + version() + ")"; }
}
