package io.juxta.frameworks.nn;

import io.juxta.frameworks.Tensor;

/** Single-layer LSTM, gates (i, f, g, o) as torch.nn.LSTM; unrolled over time (see {@link Recurrent}). */
public final class LSTM extends Recurrent {
    private LSTM(int in, int hidden) { super(in, hidden, 4); }

    public static LSTM of(int inputSize, int hiddenSize) { return new LSTM(inputSize, hiddenSize); }

    @Override protected State cell(Tensor gi, Tensor gh, State state) {
        Tensor gates = gi.add(gh);
        Tensor i = gate(gates, 0).sigmoid(), f = gate(gates, 1).sigmoid(), g = gate(gates, 2).tanh(), o = gate(gates, 3).sigmoid();
        Tensor c = state == null ? i.mul(g) : f.mul(state.c()).add(i.mul(g));
        return new State(o.mul(c.tanh()), c);
    }

    @Override protected String describe() { return "LSTM(" + in + ", " + hidden + ")"; }
}
