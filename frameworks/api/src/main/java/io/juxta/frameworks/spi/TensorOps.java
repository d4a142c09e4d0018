package io.juxta.frameworks.spi;

import io.juxta.frameworks.DType;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Tensor;

import java.util.List;

/**
 * The portable op set a backend implements (about 80 ops). Layers, losses and optimizers are written once over
 * these. Conventions, identical on every backend:
 * <ul>
 *   <li>Binary element-wise ops broadcast like NumPy; both operands must have the same dtype (cast first).</li>
 *   <li>Axes may be negative (counted from the end). {@code axes} of length 0 in a reduction means all axes.</li>
 *   <li>Images are NCHW; conv weights are OIHW (out channels, in channels, kh, kw); {@code padding} is symmetric
 *       zero padding per spatial side, as in {@code torch.nn.functional.conv2d}.</li>
 *   <li>Comparisons and logical ops return {@link DType#BOOL}.</li>
 *   <li>{@code argmax}/{@code argmin} return {@link DType#INT64}.</li>
 *   <li>A shape entry of a symbolic tensor may be -1 (unknown batch size); ops taking a shape accept one -1.</li>
 * </ul>
 * Defaults here are composites of other ops; a backend may override them with a native kernel but must keep
 * the same result within float rounding.
 */
public interface TensorOps {

    // ---------------------------------------------------------------- creation
    Tensor fromHost(HostArray array);

    Tensor scalar(double value, DType dtype);

    Tensor full(int[] shape, double value, DType dtype);

    default Tensor zeros(int[] shape, DType dtype) { return full(shape, 0, dtype); }

    default Tensor ones(int[] shape, DType dtype) { return full(shape, 1, dtype); }

    /** Staged backends override the *Like ops to use x's run-time shape (it may contain -1 while tracing). */
    default Tensor zerosLike(Tensor x) { return zeros(x.shape(), x.dtype()); }

    default Tensor onesLike(Tensor x) { return ones(x.shape(), x.dtype()); }

    /** {@code [start, start+step, ...)} below {@code end}. */
    Tensor arange(double start, double end, double step, DType dtype);

    Tensor eye(int n, DType dtype);

    /** Uniform in [low, high) from the backend's generator (see {@link io.juxta.frameworks.Backend#manualSeed}). */
    Tensor randomUniform(int[] shape, double low, double high, DType dtype);

    Tensor randomNormal(int[] shape, double mean, double std, DType dtype);

    /** Uniform noise shaped like {@code x}; staged backends override it to use x's run-time shape. */
    default Tensor randomUniformLike(Tensor x, double low, double high) { return randomUniform(x.shape(), low, high, x.dtype()); }

    // ---------------------------------------------------------------- element-wise binary (broadcasting)
    Tensor add(Tensor a, Tensor b);

    Tensor sub(Tensor a, Tensor b);

    Tensor mul(Tensor a, Tensor b);

    Tensor div(Tensor a, Tensor b);

    Tensor pow(Tensor a, Tensor b);

    Tensor maximum(Tensor a, Tensor b);

    Tensor minimum(Tensor a, Tensor b);

    // ---------------------------------------------------------------- element-wise unary
    Tensor neg(Tensor x);

    Tensor abs(Tensor x);

    Tensor sign(Tensor x);

    Tensor exp(Tensor x);

    Tensor log(Tensor x);

    default Tensor log1p(Tensor x) { return log(add(x, scalar(1, x.dtype()))); }

    Tensor sqrt(Tensor x);

    default Tensor rsqrt(Tensor x) { return div(scalar(1, x.dtype()), sqrt(x)); }

    default Tensor square(Tensor x) { return mul(x, x); }

    Tensor sin(Tensor x);

    Tensor cos(Tensor x);

    Tensor tanh(Tensor x);

    Tensor sigmoid(Tensor x);

    Tensor relu(Tensor x);

    Tensor erf(Tensor x);

    Tensor floor(Tensor x);

    Tensor ceil(Tensor x);

    Tensor round(Tensor x);

    // ---------------------------------------------------------------- comparison, logic, selection
    Tensor eq(Tensor a, Tensor b);

    Tensor ne(Tensor a, Tensor b);

    Tensor lt(Tensor a, Tensor b);

    Tensor le(Tensor a, Tensor b);

    Tensor gt(Tensor a, Tensor b);

    Tensor ge(Tensor a, Tensor b);

    Tensor logicalAnd(Tensor a, Tensor b);

    Tensor logicalOr(Tensor a, Tensor b);

    Tensor logicalNot(Tensor x);

    /** {@code condition ? a : b} element-wise, broadcasting all three. */
    Tensor where(Tensor condition, Tensor a, Tensor b);

    default Tensor clamp(Tensor x, double min, double max) {
        return minimum(maximum(x, scalar(min, x.dtype())), scalar(max, x.dtype()));
    }

    Tensor cast(Tensor x, DType dtype);

    // ---------------------------------------------------------------- linear algebra and neural-network kernels
    /** Matrix product; rank > 2 operands are batched over the leading axes (broadcasting). */
    Tensor matmul(Tensor a, Tensor b);

    /** NCHW input, OIHW weight, optional bias [O] (null for none). */
    Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation);

    Tensor maxPool2d(Tensor input, int[] kernel, int[] stride, int[] padding);

    /** Average pooling; padded zeros are counted in the average (PyTorch's count_include_pad=true). */
    Tensor avgPool2d(Tensor input, int[] kernel, int[] stride, int[] padding);

    // ---------------------------------------------------------------- reductions
    Tensor sum(Tensor x, int[] axes, boolean keepDims);

    Tensor mean(Tensor x, int[] axes, boolean keepDims);

    Tensor max(Tensor x, int[] axes, boolean keepDims);

    Tensor min(Tensor x, int[] axes, boolean keepDims);

    Tensor prod(Tensor x, int[] axes, boolean keepDims);

    Tensor argmax(Tensor x, int axis, boolean keepDims);

    Tensor argmin(Tensor x, int axis, boolean keepDims);

    Tensor softmax(Tensor x, int axis);

    Tensor logSoftmax(Tensor x, int axis);

    Tensor logSumExp(Tensor x, int[] axes, boolean keepDims);

    // ---------------------------------------------------------------- shape
    /** One entry may be -1. */
    Tensor reshape(Tensor x, int[] shape);

    Tensor permute(Tensor x, int[] axes);

    default Tensor transpose(Tensor x, int axis0, int axis1) {
        int rank = x.rank();
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) perm[i] = i;
        int a = Math.floorMod(axis0, rank), b = Math.floorMod(axis1, rank);
        perm[a] = b;
        perm[b] = a;
        return permute(x, perm);
    }

    Tensor concat(List<Tensor> tensors, int axis);

    Tensor stack(List<Tensor> tensors, int axis);

    /** Elements {@code start, start+step, ...} below {@code end} along {@code axis}; negative start/end count from the end. */
    Tensor slice(Tensor x, int axis, int start, int end, int step);

    /** NumPy {@code take}: result shape is x.shape[:axis] + indices.shape + x.shape[axis+1:]; indices int32/int64. */
    Tensor gather(Tensor x, Tensor indices, int axis);

    Tensor squeeze(Tensor x, int axis);

    Tensor unsqueeze(Tensor x, int axis);

    Tensor broadcastTo(Tensor x, int[] shape);

    /** {@code indices} int32/int64 of any shape; result appends an axis of size {@code depth}. */
    Tensor oneHot(Tensor indices, int depth, DType dtype);

    /** Zero-pads each axis by {@code padding[2*i]} before and {@code padding[2*i+1]} after. */
    Tensor pad(Tensor x, int[] padding);

    // ---------------------------------------------------------------- fused losses (defaults are the portable composites)
    /**
     * Mean cross-entropy of logits [N, C] against integer labels [N]. The default is the composite used by
     * {@code Loss.crossEntropy()}; a backend may override it with a fused kernel (same value within rounding).
     */
    default Tensor crossEntropy(Tensor logits, Tensor labels) {
        Tensor oneHot = oneHot(labels, logits.dim(-1), logits.dtype());
        return neg(mean(sum(mul(oneHot, logSoftmax(logits, -1)), new int[]{-1}, false), new int[0], false));
    }

    // ---------------------------------------------------------------- autograd
    /** The same values, but no gradient flows through (torch {@code detach}, TF {@code StopGradient}). */
    Tensor stopGradient(Tensor x);
}
