package io.juxta.frameworks.nn;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.DType;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.TensorFormat;

/** A scalar loss of (prediction, target), averaged over the batch, written once over the portable ops. */
public interface Loss {
    Tensor compute(Tensor prediction, Tensor target);

    String name();

    /**
     * Cross-entropy of raw logits [N, C] against integer class labels [N] (int32 or int64), like
     * {@code torch.nn.functional.cross_entropy}. The portable definition (one-hot times log-softmax, which every
     * backend can differentiate) is {@code TensorOps.crossEntropy}; torch uses its fused kernel.
     */
    static Loss crossEntropy() {
        return named("cross_entropy", (logits, labels) -> {
            if (labels.dtype().isFloating()) {
                throw new IllegalArgumentException("crossEntropy expects integer class labels, got " + labels.dtype()
                        + "; for probabilities or 0/1 targets use Loss.bce() or Loss.bceWithLogits()");
            }
            if (logits.rank() != 2 || labels.rank() != 1) {
                throw new IllegalArgumentException("crossEntropy expects logits [N, C] and labels [N], got " + TensorFormat.shape(logits.shape())
                        + " and " + TensorFormat.shape(labels.shape()));
            }
            return Backends.current().ops().crossEntropy(logits, labels);
        });
    }

    /** Binary cross-entropy of probabilities in (0, 1); the log is clamped at -100 like PyTorch. */
    static Loss bce() {
        return named("bce", (p, y) -> {
            sameShape("bce", p, y);
            Tensor t = y.cast(p.dtype());
            Tensor logP = p.log().maximum(scalarLike(p, -100));
            Tensor log1mP = p.neg().add(1).log().maximum(scalarLike(p, -100));
            return t.mul(logP).add(t.neg().add(1).mul(log1mP)).mean().neg();
        });
    }

    /** Binary cross-entropy of logits, in the stable form {@code max(x,0) - x*y + log(1 + exp(-|x|))}. */
    static Loss bceWithLogits() {
        return named("bce_with_logits", (x, y) -> {
            sameShape("bceWithLogits", x, y);
            Tensor t = y.cast(x.dtype());
            var ops = Backends.current().ops();
            return x.relu().sub(x.mul(t)).add(ops.log1p(x.abs().neg().exp())).mean();
        });
    }

    /** Mean squared error. */
    static Loss mse() {
        return named("mse", (p, y) -> {
            sameShape("mse", p, y);
            return p.sub(y.cast(p.dtype())).square().mean();
        });
    }

    /** Huber loss with threshold {@code delta} (PyTorch's HuberLoss): quadratic inside, linear outside. */
    static Loss huber(double delta) {
        return named("huber", (p, y) -> {
            sameShape("huber", p, y);
            Tensor d = p.sub(y.cast(p.dtype())).abs();
            var ops = Backends.current().ops();
            Tensor quadratic = d.square().mul(0.5);
            Tensor linear = d.sub(0.5 * delta).mul(delta);
            return ops.where(d.le(scalarLike(d, delta)), quadratic, linear).mean();
        });
    }

    static Loss huber() { return huber(1.0); }

    static Loss named(String name, java.util.function.BinaryOperator<Tensor> function) {
        return new Loss() {
            @Override public Tensor compute(Tensor prediction, Tensor target) { return function.apply(prediction, target); }

            @Override public String name() { return name; }

            @Override public String toString() { return "Loss." + name; }
        };
    }

    /**
     * Element-wise losses compare each prediction with its own target. Tensors of different shapes would broadcast
     * ([N, 1] against [N] gives [N, N]) and train on every pair, silently: the classic regression bug. PyTorch
     * refuses it for BCE and warns for MSE; here it is an error for each. An axis of unknown size (-1, while a staged
     * backend traces) matches any.
     */
    private static void sameShape(String loss, Tensor prediction, Tensor target) {
        int[] p, t;
        try {
            p = prediction.shape();
            t = target.shape();
        } catch (RuntimeException unknownRank) {
            return; // a staged tensor of unknown rank: nothing to check before the run
        }
        if (t.length == 0 || p.length == 0) {
            return; // one value against all: broadcasting a scalar is what it says
        }
        boolean same = p.length == t.length;
        for (int i = 0; same && i < p.length; i++) {
            same = p[i] == t[i] || p[i] < 0 || t[i] < 0;
        }
        if (same) return;
        boolean unknown = java.util.Arrays.stream(p).anyMatch(d -> d < 0) || java.util.Arrays.stream(t).anyMatch(d -> d < 0);
        String hint = unknown || HostArray.sizeOf(p) == HostArray.sizeOf(t)
                ? "; reshape the targets to the predictions' shape, e.g. y.reshape(" + shapeArgs(p) + ")"
                        + " (or end the model in the target's shape)"
                : "; each prediction needs a target of the same shape";
        throw new IllegalArgumentException("Loss." + loss + ": predictions " + TensorFormat.shape(p) + " and targets "
                + TensorFormat.shape(t) + " differ in shape, and broadcasting them would compare every prediction"
                + " with every target" + hint);
    }

    private static String shapeArgs(int[] shape) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(i == 0 || shape[i] < 0 ? -1 : shape[i]);
        }
        return b.toString();
    }

    private static Tensor scalarLike(Tensor like, double value) {
        return Backends.current().ops().scalar(value, like.dtype() == DType.BOOL ? DType.FLOAT32 : like.dtype());
    }
}
