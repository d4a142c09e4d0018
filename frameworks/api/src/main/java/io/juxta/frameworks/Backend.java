package io.juxta.frameworks;

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

/**
 * One deep-learning framework behind the portable API. Users get it from {@link Backends#current()}; backend
 * modules implement it (see {@code frameworks/api/README.md}). Everything a backend differs in is here: the op
 * set, variable storage, memory scopes, and how a training step is compiled.
 */
public interface Backend {

    /** Short name used by {@link Backends#use(String)} and in reports: {@code torch}, {@code tf}. */
    String name();

    /** Framework and native versions, e.g. {@code libtorch 2.10.0 (JavaCPP 1.5.13)}. */
    String version();

    TensorOps ops();

    boolean supports(Capability capability);

    boolean isAvailable(Device device);

    Device device();

    /** Places new tensors and variables on {@code device}; throws {@link UnsupportedFeatureException} if absent. */
    void useDevice(Device device);

    /** Seeds the backend's own generator used by {@link TensorOps#randomUniform} and dropout. */
    void manualSeed(long seed);

    /**
     * Creates backend storage for {@code variable}, starting at {@code initial} (same shape and dtype).
     * Called lazily by {@link Variable#value()}, possibly while a memory scope or a trace is open: the storage must
     * outlive both.
     */
    VariableHandle createVariable(Variable variable, HostArray initial);

    /** Frees every native temporary created on this thread until {@link MemoryScope#close()}. */
    MemoryScope openScope();

    /**
     * Compiles one training step: run {@code objective} on a batch, differentiate its loss with respect to
     * {@code trainable}, and hand the gradients to {@code update}, which assigns new variable values through ops.
     * torch runs all of this eagerly per call; a staged backend traces it once per input signature.
     */
    TrainStep compileTrainStep(Objective objective, List<Variable> trainable, UpdateRule update);

    /** Compiles a function without gradients (predict, evaluate). */
    CompiledFunction compileFunction(InferenceFunction function);

    /**
     * Value of {@code function} at {@code at} and its gradient with respect to the named batch entries and
     * {@code variables}. For gradient checks and teaching; training uses {@link #compileTrainStep}.
     */
    GradientResult gradients(ScalarFunction function, HostBatch at, List<String> wrtInputs, List<Variable> wrtVariables);
}
