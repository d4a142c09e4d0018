package io.juxta.frameworks.nn;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.DType;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.Variable;

/**
 * Batch normalisation over [N, C] ({@link #of1d}) or [N, C, H, W] ({@link #of2d}), as torch.nn.BatchNorm1d/2d:
 * training normalises with the batch statistics and updates running statistics (momentum 0.1, unbiased
 * variance); evaluation uses the running statistics.
 */
public final class BatchNorm extends Layer {
    private final int channels;
    private final boolean spatial;
    private final double eps, momentum;
    private final Variable weight, bias, runningMean, runningVar;

    private BatchNorm(int channels, boolean spatial, double eps, double momentum) {
        if (channels <= 0) throw new IllegalArgumentException("BatchNorm needs a positive channel count, got " + channels);
        this.channels = channels;
        this.spatial = spatial;
        this.eps = eps;
        this.momentum = momentum;
        weight = addWeight("weight", HostArray.filled(DType.FLOAT32, 1, channels));
        bias = addWeight("bias", HostArray.zeros(DType.FLOAT32, channels));
        runningMean = addState("running_mean", HostArray.zeros(DType.FLOAT32, channels));
        runningVar = addState("running_var", HostArray.filled(DType.FLOAT32, 1, channels));
    }

    public static BatchNorm of1d(int features) { return new BatchNorm(features, false, 1e-5, 0.1); }

    public static BatchNorm of2d(int channels) { return new BatchNorm(channels, true, 1e-5, 0.1); }

    @Override public Tensor forward(Tensor x) {
        int expectedRank = spatial ? 4 : 2;
        if (x.rank() != expectedRank || (x.dim(1) >= 0 && x.dim(1) != channels)) {
            throw new IllegalArgumentException(describe() + " needs input " + (spatial ? "[N, " + channels + ", H, W]" : "[N, " + channels + "]")
                    + ", got " + io.juxta.frameworks.TensorFormat.shape(x.shape()));
        }
        var ops = Backends.current().ops();
        int[] axes = spatial ? new int[]{0, 2, 3} : new int[]{0};
        int[] statShape = spatial ? new int[]{1, channels, 1, 1} : new int[]{1, channels};
        Tensor mean, var;
        if (isTraining()) {
            mean = ops.mean(x, axes, true);
            Tensor centered = x.sub(mean);
            var = ops.mean(centered.square(), axes, true);
            Tensor count = ops.sum(ops.onesLike(x), axes, false).slice(0, 0, 1);    // rows per channel, known at run time
            // n/(n-1) correction; a batch of one row (a short last batch) would make it infinite, so clamp n-1 at 1
            Tensor unbiased = var.reshape(channels).mul(count.div(ops.maximum(count.sub(1), ops.onesLike(count))));
            runningMean.assign(ops.stopGradient(runningMean.value().mul(1 - momentum).add(mean.reshape(channels).mul(momentum))));
            runningVar.assign(ops.stopGradient(runningVar.value().mul(1 - momentum).add(unbiased.mul(momentum))));
        } else {
            mean = runningMean.value().reshape(statShape);
            var = runningVar.value().reshape(statShape);
        }
        Tensor normalised = x.sub(mean).mul(ops.rsqrt(var.add(eps)));
        return normalised.mul(weight.value().reshape(statShape)).add(bias.value().reshape(statShape));
    }

    @Override protected String describe() { return (spatial ? "BatchNorm2d(" : "BatchNorm1d(") + channels + ")"; }
}
