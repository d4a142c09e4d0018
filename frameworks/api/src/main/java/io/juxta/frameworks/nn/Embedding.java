package io.juxta.frameworks.nn;

import io.juxta.frameworks.Rng;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.Variable;

/**
 * A lookup table [vocabulary, dim] initialised N(0, 1) like torch.nn.Embedding. Input: int32/int64 indices of any
 * shape; output appends an axis of size dim. Implemented as a gather from the weight tensor, which both
 * backends can differentiate (TF's ResourceGather has no gradient, GatherV2 does).
 */
public final class Embedding extends Layer {
    private final int vocabulary, dim;
    private final Variable weight;

    private Embedding(int vocabulary, int dim) {
        if (vocabulary <= 0 || dim <= 0) throw new IllegalArgumentException("Embedding needs positive sizes, got " + vocabulary + ", " + dim);
        this.vocabulary = vocabulary;
        this.dim = dim;
        weight = addWeight("weight", Rng.normal(Rng.split(), 0, 1, vocabulary, dim));
    }

    public static Embedding of(int vocabulary, int dim) { return new Embedding(vocabulary, dim); }

    public Variable weight() { return weight; }

    @Override public Tensor forward(Tensor indices) {
        if (indices.dtype().isFloating()) {
            throw new IllegalArgumentException("Embedding needs integer indices, got " + indices.dtype() + "; build the dataset with int[] tokens");
        }
        return weight.value().gather(indices, 0);
    }

    @Override protected String describe() { return "Embedding(" + vocabulary + ", " + dim + ")"; }
}
