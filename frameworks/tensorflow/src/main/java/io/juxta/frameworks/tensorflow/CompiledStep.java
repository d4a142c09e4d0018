package io.juxta.frameworks.tensorflow;

import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** One traced step for one input signature: feeds its inputs, runs the graph once, copies the fetches out. */
public final class CompiledStep {
    private final StagedGraph owner;
    private final StepSignature signature;
    private final List<Placeholder<?>> inputs;
    private final List<Operand<?>> fetches;
    private final Op update;                      // null for a forward-only step
    private final GraphOptimizer optimizer;       // null for a forward-only step
    private final List<Placeholder<TFloat32>> scalarFeeds;

    CompiledStep(StagedGraph owner, StepSignature signature, List<Placeholder<?>> inputs, List<Operand<?>> fetches,
                 Op update, GraphOptimizer optimizer, List<Placeholder<TFloat32>> scalarFeeds) {
        this.owner = owner;
        this.signature = signature;
        this.inputs = List.copyOf(inputs);
        this.fetches = List.copyOf(fetches);
        this.update = update;
        this.optimizer = optimizer;
        this.scalarFeeds = scalarFeeds;
    }

    public StepSignature signature() { return signature; }

    public boolean trains() { return update != null; }

    /** Runs one step; returns every fetch as a host array (a scalar loss is an array of one). */
    public float[][] run(List<? extends Tensor> inputValues) {
        if (inputValues.size() != inputs.size()) {
            throw new IllegalArgumentException("this step takes " + inputs.size() + " inputs, got " + inputValues.size());
        }
        Session session = owner.session();
        Session.Runner runner = session.runner();
        for (int i = 0; i < inputs.size(); i++) runner.feed(inputs.get(i), inputValues.get(i));
        TFloat32[] scalars = new TFloat32[scalarFeeds.size()];
        try {
            if (update != null) {
                double[] values = optimizer.nextStepScalars();
                for (int i = 0; i < scalars.length; i++) {
                    scalars[i] = TFloat32.scalarOf((float) values[i]);
                    runner.feed(scalarFeeds.get(i), scalars[i]);
                }
                runner.addTarget(update);
            }
            for (Operand<?> f : fetches) runner.fetch(f);
            float[][] out = new float[fetches.size()][];
            try (Result result = runner.run()) {    // closing the result frees the fetched native tensors
                for (int i = 0; i < out.length; i++) out[i] = HostTensors.toFloats(result.get(i));
            }
            if (update != null) optimizer.stepDone();
            return out;
        } finally {
            for (TFloat32 s : scalars) if (s != null) s.close();
        }
    }
}
