package io.juxta.frameworks.torch;

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
import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.global.torch;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * PyTorch through the JavaCPP presets, eager. Variables are retained leaf tensors; steps are compiled by
 * {@link TorchStepCompiler}; temporaries are freed by {@link TorchMemoryScope}s.
 */
public final class TorchBackend implements Backend {
    private static final Set<Capability> CAPABILITIES = EnumSet.of(
            Capability.EAGER_GRADIENTS, Capability.EAGER_EXECUTION, Capability.FLOAT64, Capability.MEMORY_SCOPES);

    private final TorchOps ops = new TorchOps(this);
    private final TorchStepCompiler compiler = new TorchStepCompiler(this);

    TorchBackend() {}

    TorchOps torchOps() { return ops; }

    @Override public String name() { return "torch"; }

    @Override public String version() {
        String presets, javacpp;
        try {
            presets = Loader.getVersion("org.bytedeco", "pytorch");
            javacpp = Loader.getVersion();
        } catch (java.io.IOException e) {
            presets = javacpp = "?";
        }
        return "libtorch " + presets + " (JavaCPP " + javacpp + ", " + torch.get_num_threads() + " threads)";
    }

    @Override public TensorOps ops() { return ops; }

    @Override public boolean supports(Capability capability) { return CAPABILITIES.contains(capability); }

    @Override public boolean isAvailable(Device device) { return device.kind() == Device.Kind.CPU; }

    @Override public Device device() { return Device.CPU; }

    @Override public void useDevice(Device device) {
        if (device.kind() != Device.Kind.CPU) {
            throw new UnsupportedFeatureException(Capability.GPU, name(), "The torch backend runs on the CPU in this installation: "
                    + "GPU use needs the pytorch linux-x86_64-gpu natives and a system CUDA 13 with cuDNN 9. Staying on cpu.");
        }
    }

    @Override public void manualSeed(long seed) { torch.manual_seed(seed); }

    @Override public VariableHandle createVariable(Variable variable, HostArray initial) { return new TorchVariable(this, variable, initial); }

    @Override public MemoryScope openScope() { return new TorchMemoryScope(); }

    @Override public TrainStep compileTrainStep(Objective objective, List<Variable> trainable, UpdateRule update) {
        return compiler.compileTrainStep(objective, trainable, update);
    }

    @Override public CompiledFunction compileFunction(InferenceFunction function) { return compiler.compileFunction(function); }

    @Override public GradientResult gradients(ScalarFunction function, HostBatch at, List<String> wrtInputs, List<Variable> wrtVariables) {
        return compiler.gradients(function, at, wrtInputs, wrtVariables);
    }

    @Override public String toString() { return "TorchBackend(" + version() + ")"; }
}
