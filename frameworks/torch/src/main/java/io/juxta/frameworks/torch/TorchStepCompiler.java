package io.juxta.frameworks.torch;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.Batch;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.HostBatch;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.Variable;
import io.juxta.frameworks.spi.CompiledFunction;
import io.juxta.frameworks.spi.GradientResult;
import io.juxta.frameworks.spi.InferenceFunction;
import io.juxta.frameworks.spi.Objective;
import io.juxta.frameworks.spi.ScalarFunction;
import io.juxta.frameworks.spi.StepOutput;
import io.juxta.frameworks.spi.StepResult;
import io.juxta.frameworks.spi.TrainStep;
import io.juxta.frameworks.spi.UpdateRule;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Eager "compilation": each call runs the forward pass with autograd, takes gradients with
 * {@code torch::autograd::grad}, then runs the portable update rule under no-grad, all inside one
 * {@link PointerScope} so every temporary is freed at the end of the call.
 */
@SuppressWarnings("try")   // scopes and guards work by being open, not by being referenced
final class TorchStepCompiler {
    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

    private final TorchBackend backend;
    private final TorchOps ops;

    TorchStepCompiler(TorchBackend backend) {
        this.backend = backend;
        this.ops = backend.torchOps();
    }

    /** Layer code reaches its backend through {@code Backends.current()}, so torch must be the selected one. */
    private void requireSelected(String what) {
        if (Backends.current() != backend) {
            throw new IllegalStateException("Cannot " + what + " on torch while " + Backends.currentName() + " is selected: run %torch first");
        }
    }

    TrainStep compileTrainStep(Objective objective, List<Variable> trainable, UpdateRule update) {
        requireSelected("compile a training step");
        InputBuffers inputs = new InputBuffers(ops);
        TrainStep step = new TrainStep() {
            @Override public StepResult run(HostBatch hostBatch) {
                try (PointerScope scope = new PointerScope()) {
                    Batch batch = inputs.fill(hostBatch);
                    StepOutput out = objective.compute(batch);
                    List<Tensor> grads = grad(out.loss(), leaves(trainable));
                    TrainStep.requireSomeGradient(grads);
                    // grad mode off by the flag, not a NoGradGuard: one native object fewer per step
                    boolean gradWas = GradMode.is_enabled();
                    GradMode.set_enabled(false);
                    try {
                        update.apply(trainable, grads, batch);
                    } finally {
                        GradMode.set_enabled(gradWas);
                    }
                    Map<String, Double> metrics = new LinkedHashMap<>();
                    out.metrics().forEach((k, v) -> metrics.put(k, v.item()));
                    return new StepResult(out.loss().item(), metrics);
                }
            }

            @Override public void close() { inputs.release(); }
        };
        CLEANER.register(step, inputs::release);     // holds the buffers only, not the step
        return step;
    }

    CompiledFunction compileFunction(InferenceFunction function) {
        requireSelected("compile a function");
        return hostBatch -> {
            try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
                Map<String, HostArray> out = new LinkedHashMap<>();
                function.apply(toBatch(hostBatch, Set.of())).forEach((k, v) -> out.put(k, v.toHost()));
                return out;
            }
        };
    }

    GradientResult gradients(ScalarFunction function, HostBatch at, List<String> wrtInputs, List<Variable> wrtVariables) {
        requireSelected("take gradients");
        try (PointerScope scope = new PointerScope()) {
            Batch batch = toBatch(at, Set.copyOf(wrtInputs));
            Tensor value = function.apply(batch);
            List<Tensor> wrt = new ArrayList<>();
            for (String name : wrtInputs) wrt.add(batch.get(name));
            wrt.addAll(leaves(wrtVariables));
            List<Tensor> grads = grad(value, wrt);
            Map<String, HostArray> inputGrads = new LinkedHashMap<>();
            for (int i = 0; i < wrtInputs.size(); i++) inputGrads.put(wrtInputs.get(i), hostOrZeros(grads.get(i), wrt.get(i)));
            List<HostArray> varGrads = new ArrayList<>();
            for (int i = wrtInputs.size(); i < wrt.size(); i++) varGrads.add(hostOrZeros(grads.get(i), wrt.get(i)));
            return new GradientResult(value.item(), inputGrads, varGrads);
        }
    }

    private static HostArray hostOrZeros(Tensor grad, Tensor like) {
        return grad != null ? grad.toHost() : HostArray.zeros(like.dtype(), like.shape());
    }

    private List<Tensor> leaves(List<Variable> variables) {
        List<Tensor> out = new ArrayList<>();
        for (Variable v : variables) out.add(v.value());
        return out;
    }

    /** d loss / d each of {@code wrt}; null for a tensor the loss does not depend on. */
    private List<Tensor> grad(Tensor loss, List<Tensor> wrt) {
        if (loss.size() != 1) {
            throw new IllegalArgumentException("The loss must be a scalar to differentiate, got shape " + java.util.Arrays.toString(loss.shape())
                    + "; reduce it with .mean() or .sum()");
        }
        org.bytedeco.pytorch.Tensor[] inputs = new org.bytedeco.pytorch.Tensor[wrt.size()];
        for (int i = 0; i < inputs.length; i++) inputs[i] = ops.unwrap(wrt.get(i));
        org.bytedeco.pytorch.Tensor l = ops.unwrap(loss);
        if (!l.requires_grad()) {
            throw new IllegalArgumentException("The loss does not depend on any trainable variable or input (no gradient can flow): "
                    + "check that the step uses the model's output and no detach()");
        }
        TensorVector g;
        try {
            g = torch.grad(new TensorVector(l), new TensorVector(inputs), TorchOps.NO_TENSORS, TorchOps.NO_BOOL, false, true);
        } catch (RuntimeException e) {
            throw TorchOps.translate(e);
        }
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            org.bytedeco.pytorch.Tensor gi = g.get(i);
            out.add(gi.defined() ? ops.wrap(gi) : null);
        }
        return out;
    }

    private Batch toBatch(HostBatch hostBatch, Set<String> requiresGrad) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        hostBatch.entries().forEach((name, array) -> {
            Tensor t = ops.fromHost(array);
            if (requiresGrad.contains(name)) {
                if (!array.dtype().isFloating()) throw new IllegalArgumentException("Cannot differentiate with respect to '" + name + "' of dtype " + array.dtype());
                ops.unwrap(t).requires_grad_(true);
            }
            m.put(name, t);
        });
        return new Batch(m);
    }
}
