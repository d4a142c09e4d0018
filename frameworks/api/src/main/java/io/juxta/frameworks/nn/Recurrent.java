package io.juxta.frameworks.nn;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.Rng;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.Variable;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Shared shape of {@link LSTM} and {@link GRU}: batch-first input [N, T, in], output [N, T, hidden] (or the last
 * step [N, hidden] with {@link #lastStepOnly()}). The time loop is unrolled in Java, so T must be known when the
 * layer runs: TF has no gradient for its While loop. Weights use PyTorch's layout and initialisation.
 */
public abstract class Recurrent extends Layer {
    protected final int in, hidden;
    protected final Variable weightIh, weightHh, biasIh, biasHh;
    private boolean lastOnly;

    Recurrent(int in, int hidden, int gates) {
        if (in <= 0 || hidden <= 0) throw new IllegalArgumentException("Recurrent layers need positive sizes, got " + in + ", " + hidden);
        this.in = in;
        this.hidden = hidden;
        SplittableRandom r = Rng.split();
        double bound = 1 / Math.sqrt(hidden);
        weightIh = addWeight("weight_ih_l0", Rng.uniform(r, -bound, bound, gates * hidden, in));
        weightHh = addWeight("weight_hh_l0", Rng.uniform(r, -bound, bound, gates * hidden, hidden));
        biasIh = addWeight("bias_ih_l0", Rng.uniform(r, -bound, bound, gates * hidden));
        biasHh = addWeight("bias_hh_l0", Rng.uniform(r, -bound, bound, gates * hidden));
    }

    /** Return only the last hidden state [N, hidden], e.g. to feed a classifier. */
    public Recurrent lastStepOnly() {
        lastOnly = true;
        return this;
    }

    @Override public Tensor forward(Tensor x) {
        if (x.rank() != 3 || (x.dim(2) >= 0 && x.dim(2) != in)) {
            throw new IllegalArgumentException(describe() + " needs input [N, T, " + in + "], got " + io.juxta.frameworks.TensorFormat.shape(x.shape()));
        }
        int steps = x.dim(1);
        if (steps < 0) throw new IllegalArgumentException(describe() + " needs the sequence length known when it runs (unrolled loop); pad sequences to a fixed length");
        Tensor wIh = weightIh.value().t(), wHh = weightHh.value().t(), bIh = biasIh.value(), bHh = biasHh.value();
        List<Tensor> outputs = new ArrayList<>();
        State state = null;
        for (int t = 0; t < steps; t++) {
            Tensor xt = x.slice(1, t, t + 1).squeeze(1);
            Tensor gi = xt.matmul(wIh).add(bIh);
            Tensor gh = state == null ? bHh.unsqueeze(0) : state.h.matmul(wHh).add(bHh);
            state = cell(gi, gh, state);
            if (!lastOnly) outputs.add(state.h);
        }
        if (state == null) throw new IllegalArgumentException(describe() + " got an empty sequence");
        return lastOnly ? state.h : Backends.current().ops().stack(outputs, 1);
    }

    /** Hidden state (and cell state for LSTM); null fields are zero. */
    protected record State(Tensor h, Tensor c) {}

    /** One time step from the input projection {@code gi} and the hidden projection {@code gh}; state null = zeros. */
    protected abstract State cell(Tensor gi, Tensor gh, State state);

    protected Tensor gate(Tensor gates, int index) { return gates.slice(1, index * hidden, (index + 1) * hidden); }
}
