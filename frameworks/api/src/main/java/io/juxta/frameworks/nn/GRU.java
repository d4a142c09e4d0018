package io.juxta.frameworks.nn;

import io.juxta.frameworks.Tensor;

/** Single-layer GRU, gates (r, z, n) as torch.nn.GRU; unrolled over time (see {@link Recurrent}). */
public final class GRU extends Recurrent {
    private GRU(int in, int hidden) { super(in, hidden, 3); }

    public static GRU of(int inputSize, int hiddenSize) { return new GRU(inputSize, hiddenSize); }

    @Override protected State cell(Tensor gi, Tensor gh, State state) {
        Tensor r = gate(gi, 0).add(gate(gh, 0)).sigmoid();
        Tensor z = gate(gi, 1).add(gate(gh, 1)).sigmoid();
        Tensor n = gate(gi, 2).add(r.mul(gate(gh, 2))).tanh();
        Tensor h = state == null ? z.neg().add(1).mul(n) : z.neg().add(1).mul(n).add(z.mul(state.h()));
        return new State(h, null);
    }

    @Override protected String describe() { return "GRU(" + in + ", " + hidden + ")"; }
}
