package io.juxta.frameworks.torch;

import io.juxta.frameworks.DType;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.spi.TensorOps;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/** The portable op set on libtorch, eagerly. */
final class TorchOps implements TensorOps {
    private final TorchBackend backend;

    TorchOps(TorchBackend backend) { this.backend = backend; }

    // ---------------------------------------------------------------- plumbing

    // Empty optionals passed on every call, kept for the JVM's lifetime: each native object a call allocates costs
    // about 1.5 µs to create and free through JavaCPP's deallocator (measured), several times a small op's own work.
    static final MemoryFormatOptional NO_MEMORY_FORMAT = kept(new MemoryFormatOptional());
    static final TensorOptional NO_TENSOR = kept(new TensorOptional());
    static final TensorVector NO_TENSORS = kept(new TensorVector());
    static final org.bytedeco.pytorch.BoolOptional NO_BOOL = kept(new org.bytedeco.pytorch.BoolOptional());

    /** Retained once more, so no memory scope (open now or later) frees it. */
    static <P extends Pointer> P kept(P p) {
        p.retainReference();
        return p;
    }

    /** An optional tensor argument (a bias): a variable's is made once, others per call. */
    TensorOptional optional(Tensor t) {
        if (t == null) return NO_TENSOR;
        if (t instanceof TorchTensor tt) return tt.asOptional();
        return new TensorOptional(unwrap(t));
    }

    org.bytedeco.pytorch.Tensor unwrap(Tensor t) {
        if (t instanceof TorchTensor tt) return tt.live();
        throw new IllegalArgumentException("A " + t.backend().name() + " tensor was passed to a torch op: tensors of two "
                + "backends cannot be mixed. Re-create it after %torch, or copy it with Ops.tensor(x.toHost())");
    }

    Tensor wrap(org.bytedeco.pytorch.Tensor t) { return new TorchTensor(backend, t); }

    /** Runs a libtorch call; its C++ errors become one-line messages without the native backtrace. */
    Tensor call(java.util.function.Supplier<org.bytedeco.pytorch.Tensor> nativeCall) {
        try {
            return wrap(nativeCall.get());
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    static RuntimeException translate(RuntimeException e) {
        if (e.getClass() != RuntimeException.class || e.getMessage() == null) return e;   // ours, or not from C++
        String firstLine = e.getMessage().lines().findFirst().orElse("").strip();
        return new IllegalArgumentException("torch: " + firstLine);
    }

    private static TensorOptions options(DType dtype) { return new TensorOptions(TorchTensor.scalarType(dtype)); }

    private static long[] longs(int[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i];
        return out;
    }

    private static long[] axesOrAll(int[] axes, int rank) {
        if (axes.length > 0) return longs(axes);
        long[] all = new long[rank];
        for (int i = 0; i < rank; i++) all[i] = i;
        return all;
    }

    private Tensor binary(String name, Tensor a, Tensor b, BinaryOperator<org.bytedeco.pytorch.Tensor> f) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("Cannot " + name + " " + a.dtype() + " and " + b.dtype() + " tensors: cast one first, e.g. x.cast(DType."
                    + a.dtype().name() + ")");
        }
        return call(() -> f.apply(unwrap(a), unwrap(b)));
    }

    private Tensor unary(Tensor x, UnaryOperator<org.bytedeco.pytorch.Tensor> f) { return call(() -> f.apply(unwrap(x))); }

    private Tensor floating(String name, Tensor x, UnaryOperator<org.bytedeco.pytorch.Tensor> f) {
        if (!x.dtype().isFloating()) throw new IllegalArgumentException(name + " needs a float tensor, got " + x.dtype() + ": cast it with x.cast(DType.FLOAT32)");
        return unary(x, f);
    }

    // ---------------------------------------------------------------- creation

    @Override public Tensor fromHost(HostArray a) {
        org.bytedeco.pytorch.Tensor t = torch.empty(longs(a.shape()), options(a.dtype()), NO_MEMORY_FORMAT);
        if (a.size() > 0) {
            Pointer p = t.data_ptr();
            switch (a.dtype()) {
                case FLOAT32 -> new FloatPointer(p).put((float[]) a.data());
                case FLOAT64 -> new DoublePointer(p).put((double[]) a.data());
                case INT32 -> new IntPointer(p).put((int[]) a.data());
                case INT64 -> new LongPointer(p).put((long[]) a.data());
                case BOOL -> {
                    boolean[] b = (boolean[]) a.data();
                    byte[] bytes = new byte[b.length];
                    for (int i = 0; i < b.length; i++) bytes[i] = (byte) (b[i] ? 1 : 0);
                    new BytePointer(p).put(bytes);
                }
            }
        }
        return call(() -> t);
    }

    @Override public Tensor scalar(double value, DType dtype) { return full(new int[0], value, dtype); }

    @Override public Tensor full(int[] shape, double value, DType dtype) {
        Scalar s = dtype.isFloating() ? new Scalar(value) : dtype == DType.BOOL ? new Scalar(value != 0 ? 1L : 0L) : new Scalar((long) value);
        return call(() -> torch.full(longs(shape), s, options(dtype)));
    }

    @Override public Tensor arange(double start, double end, double step, DType dtype) {
        Scalar s0 = dtype.isFloating() ? new Scalar(start) : new Scalar((long) start);
        Scalar s1 = dtype.isFloating() ? new Scalar(end) : new Scalar((long) end);
        Scalar s2 = dtype.isFloating() ? new Scalar(step) : new Scalar((long) step);
        return call(() -> torch.arange(s0, s1, s2, options(dtype)));
    }

    @Override public Tensor eye(int n, DType dtype) { return call(() -> torch.eye(n, options(dtype))); }

    @Override public Tensor randomUniform(int[] shape, double low, double high, DType dtype) {
        return call(() -> torch.empty(longs(shape), options(dtype), NO_MEMORY_FORMAT).uniform_(low, high, new GeneratorOptional()));
    }

    @Override public Tensor randomNormal(int[] shape, double mean, double std, DType dtype) {
        return call(() -> torch.empty(longs(shape), options(dtype), NO_MEMORY_FORMAT).normal_(mean, std, new GeneratorOptional()));
    }

    // ---------------------------------------------------------------- element-wise

    @Override public Tensor add(Tensor a, Tensor b) { return binary("add", a, b, org.bytedeco.pytorch.Tensor::add); }

    @Override public Tensor sub(Tensor a, Tensor b) { return binary("subtract", a, b, org.bytedeco.pytorch.Tensor::sub); }

    @Override public Tensor mul(Tensor a, Tensor b) { return binary("multiply", a, b, org.bytedeco.pytorch.Tensor::mul); }

    @Override public Tensor div(Tensor a, Tensor b) {
        if (!a.dtype().isFloating()) throw new IllegalArgumentException("div needs float tensors (integer division differs between backends), got " + a.dtype());
        return binary("divide", a, b, org.bytedeco.pytorch.Tensor::div);
    }

    @Override public Tensor pow(Tensor a, Tensor b) { return binary("raise", a, b, org.bytedeco.pytorch.Tensor::pow); }

    @Override public Tensor maximum(Tensor a, Tensor b) { return binary("take the maximum of", a, b, org.bytedeco.pytorch.Tensor::maximum); }

    @Override public Tensor minimum(Tensor a, Tensor b) { return binary("take the minimum of", a, b, org.bytedeco.pytorch.Tensor::minimum); }

    @Override public Tensor neg(Tensor x) { return unary(x, org.bytedeco.pytorch.Tensor::neg); }

    @Override public Tensor abs(Tensor x) { return unary(x, org.bytedeco.pytorch.Tensor::abs); }

    @Override public Tensor sign(Tensor x) { return unary(x, org.bytedeco.pytorch.Tensor::sign); }

    @Override public Tensor exp(Tensor x) { return floating("exp", x, org.bytedeco.pytorch.Tensor::exp); }

    @Override public Tensor log(Tensor x) { return floating("log", x, org.bytedeco.pytorch.Tensor::log); }

    @Override public Tensor log1p(Tensor x) { return floating("log1p", x, org.bytedeco.pytorch.Tensor::log1p); }

    @Override public Tensor sqrt(Tensor x) { return floating("sqrt", x, org.bytedeco.pytorch.Tensor::sqrt); }

    @Override public Tensor rsqrt(Tensor x) { return floating("rsqrt", x, org.bytedeco.pytorch.Tensor::rsqrt); }

    @Override public Tensor square(Tensor x) { return unary(x, t -> t.mul(t)); }

    @Override public Tensor sin(Tensor x) { return floating("sin", x, org.bytedeco.pytorch.Tensor::sin); }

    @Override public Tensor cos(Tensor x) { return floating("cos", x, org.bytedeco.pytorch.Tensor::cos); }

    @Override public Tensor tanh(Tensor x) { return floating("tanh", x, org.bytedeco.pytorch.Tensor::tanh); }

    @Override public Tensor sigmoid(Tensor x) { return floating("sigmoid", x, org.bytedeco.pytorch.Tensor::sigmoid); }

    @Override public Tensor relu(Tensor x) { return unary(x, org.bytedeco.pytorch.Tensor::relu); }

    @Override public Tensor erf(Tensor x) { return floating("erf", x, org.bytedeco.pytorch.Tensor::erf); }

    @Override public Tensor floor(Tensor x) { return unary(x, org.bytedeco.pytorch.Tensor::floor); }

    @Override public Tensor ceil(Tensor x) { return unary(x, org.bytedeco.pytorch.Tensor::ceil); }

    @Override public Tensor round(Tensor x) { return unary(x, org.bytedeco.pytorch.Tensor::round); }

    // ---------------------------------------------------------------- comparison, logic, selection

    @Override public Tensor eq(Tensor a, Tensor b) { return binary("compare", a, b, org.bytedeco.pytorch.Tensor::eq); }

    @Override public Tensor ne(Tensor a, Tensor b) { return binary("compare", a, b, org.bytedeco.pytorch.Tensor::ne); }

    @Override public Tensor lt(Tensor a, Tensor b) { return binary("compare", a, b, org.bytedeco.pytorch.Tensor::lt); }

    @Override public Tensor le(Tensor a, Tensor b) { return binary("compare", a, b, org.bytedeco.pytorch.Tensor::le); }

    @Override public Tensor gt(Tensor a, Tensor b) { return binary("compare", a, b, org.bytedeco.pytorch.Tensor::gt); }

    @Override public Tensor ge(Tensor a, Tensor b) { return binary("compare", a, b, org.bytedeco.pytorch.Tensor::ge); }

    @Override public Tensor logicalAnd(Tensor a, Tensor b) { return call(() -> unwrap(a).logical_and(unwrap(b))); }

    @Override public Tensor logicalOr(Tensor a, Tensor b) { return call(() -> unwrap(a).logical_or(unwrap(b))); }

    @Override public Tensor logicalNot(Tensor x) { return unary(x, org.bytedeco.pytorch.Tensor::logical_not); }

    @Override public Tensor where(Tensor condition, Tensor a, Tensor b) {
        if (condition.dtype() != DType.BOOL) throw new IllegalArgumentException("where needs a bool condition, got " + condition.dtype());
        if (a.dtype() != b.dtype()) throw new IllegalArgumentException("where needs both branches of one dtype, got " + a.dtype() + " and " + b.dtype());
        return call(() -> torch.where(unwrap(condition), unwrap(a), unwrap(b)));
    }

    @Override public Tensor cast(Tensor x, DType dtype) {
        return call(() -> unwrap(x).to(TorchTensor.scalarType(dtype), false, false, NO_MEMORY_FORMAT));
    }

    // ---------------------------------------------------------------- linear algebra, nn kernels

    @Override public Tensor matmul(Tensor a, Tensor b) { return binary("matmul", a, b, org.bytedeco.pytorch.Tensor::matmul); }

    @Override public Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        if (x.dtype() != weight.dtype()) throw new IllegalArgumentException("Cannot apply " + weight.dtype() + " weights to a " + x.dtype() + " input: cast it first, e.g. x.cast(DType." + weight.dtype().name() + ")");
        TensorOptional b = optional(bias);
        return call(() -> torch.linear(unwrap(x), unwrap(weight), b));
    }

    @Override public Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation) {
        TensorOptional b = optional(bias);
        return call(() -> torch.conv2d(unwrap(input), unwrap(weight), b, longs(stride), longs(padding), longs(dilation), 1));
    }

    @Override public Tensor maxPool2d(Tensor input, int[] kernel, int[] stride, int[] padding) {
        return call(() -> torch.max_pool2d(unwrap(input), longs(kernel), longs(stride), longs(padding), new long[]{1, 1}, false));
    }

    @Override public Tensor avgPool2d(Tensor input, int[] kernel, int[] stride, int[] padding) {
        return call(() -> torch.avg_pool2d(unwrap(input), longs(kernel), longs(stride), longs(padding), false, true, new LongOptional()));
    }

    // ---------------------------------------------------------------- reductions

    @Override public Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        return unary(x, t -> t.sum(axesOrAll(axes, x.rank()), keepDims, new ScalarTypeOptional()));
    }

    @Override public Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        if (!x.dtype().isFloating()) throw new IllegalArgumentException("mean needs a float tensor, got " + x.dtype() + ": cast it first");
        return unary(x, t -> t.mean(axesOrAll(axes, x.rank()), keepDims, new ScalarTypeOptional()));
    }

    @Override public Tensor max(Tensor x, int[] axes, boolean keepDims) { return unary(x, t -> t.amax(axesOrAll(axes, x.rank()), keepDims)); }

    @Override public Tensor min(Tensor x, int[] axes, boolean keepDims) { return unary(x, t -> t.amin(axesOrAll(axes, x.rank()), keepDims)); }

    @Override public Tensor prod(Tensor x, int[] axes, boolean keepDims) {
        long[] all = axesOrAll(axes, x.rank());
        long[] sorted = Arrays.stream(all).map(a -> Math.floorMod(a, Math.max(1, x.rank()))).sorted().toArray();
        return call(() -> {
            org.bytedeco.pytorch.Tensor t = unwrap(x);
            for (int i = sorted.length - 1; i >= 0; i--) t = t.prod(sorted[i], keepDims, new ScalarTypeOptional());
            return t;
        });
    }

    @Override public Tensor argmax(Tensor x, int axis, boolean keepDims) { return unary(x, t -> t.argmax(new LongOptional(axis), keepDims)); }

    @Override public Tensor argmin(Tensor x, int axis, boolean keepDims) { return unary(x, t -> t.argmin(new LongOptional(axis), keepDims)); }

    @Override public Tensor softmax(Tensor x, int axis) { return floating("softmax", x, t -> torch.softmax(t, axis)); }

    @Override public Tensor logSoftmax(Tensor x, int axis) { return floating("logSoftmax", x, t -> torch.log_softmax(t, axis)); }

    @Override public Tensor logSumExp(Tensor x, int[] axes, boolean keepDims) {
        return floating("logSumExp", x, t -> torch.logsumexp(t, axesOrAll(axes, x.rank()), keepDims));
    }

    // ---------------------------------------------------------------- shape

    @Override public Tensor reshape(Tensor x, int[] shape) {
        HostArray.resolveShape(shape, x.size());   // a clear message instead of libtorch's
        return unary(x, t -> t.reshape(longs(shape)));
    }

    @Override public Tensor permute(Tensor x, int[] axes) { return unary(x, t -> t.permute(longs(axes))); }

    @Override public Tensor concat(List<Tensor> tensors, int axis) { return call(() -> torch.cat(vector(tensors), axis)); }

    @Override public Tensor stack(List<Tensor> tensors, int axis) { return call(() -> torch.stack(vector(tensors), axis)); }

    private TensorVector vector(List<Tensor> tensors) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("Need at least one tensor");
        DType first = tensors.get(0).dtype();
        org.bytedeco.pytorch.Tensor[] arr = new org.bytedeco.pytorch.Tensor[tensors.size()];
        for (int i = 0; i < arr.length; i++) {
            if (tensors.get(i).dtype() != first) throw new IllegalArgumentException("All tensors must have one dtype; #" + i + " is " + tensors.get(i).dtype() + ", #0 is " + first);
            arr[i] = unwrap(tensors.get(i));
        }
        return new TensorVector(arr);
    }

    @Override public Tensor slice(Tensor x, int axis, int start, int end, int step) {
        if (step <= 0) throw new IllegalArgumentException("slice step must be positive, got " + step);
        return unary(x, t -> t.slice(axis, new LongOptional(start), new LongOptional(end), step));
    }

    @Override public Tensor gather(Tensor x, Tensor indices, int axis) {
        if (indices.dtype() != DType.INT32 && indices.dtype() != DType.INT64) {
            throw new IllegalArgumentException("gather needs int32 or int64 indices, got " + indices.dtype());
        }
        int[] xs = x.shape(), is = indices.shape();
        int ax = Math.floorMod(axis, xs.length);
        int[] out = new int[xs.length - 1 + is.length];
        System.arraycopy(xs, 0, out, 0, ax);
        System.arraycopy(is, 0, out, ax, is.length);
        System.arraycopy(xs, ax + 1, out, ax + is.length, xs.length - ax - 1);
        org.bytedeco.pytorch.Tensor flat = unwrap(indices).reshape(-1);
        return call(() -> torch.index_select(unwrap(x), ax, flat).reshape(longs(out)));
    }

    @Override public Tensor squeeze(Tensor x, int axis) {
        if (x.dim(axis) != 1) throw new IllegalArgumentException("Cannot squeeze axis " + axis + " of size " + x.dim(axis) + " (shape " + Arrays.toString(x.shape()) + ")");
        return unary(x, t -> t.squeeze(axis));
    }

    @Override public Tensor unsqueeze(Tensor x, int axis) { return unary(x, t -> t.unsqueeze(axis)); }

    @Override public Tensor broadcastTo(Tensor x, int[] shape) { return unary(x, t -> t.expand(longs(shape))); }

    @Override public Tensor oneHot(Tensor indices, int depth, DType dtype) {
        if (indices.dtype() != DType.INT32 && indices.dtype() != DType.INT64) {
            throw new IllegalArgumentException("oneHot needs int32 or int64 indices, got " + indices.dtype());
        }
        org.bytedeco.pytorch.Tensor idx = unwrap(indices).to(org.bytedeco.pytorch.global.torch.ScalarType.Long, false, false, NO_MEMORY_FORMAT);
        return call(() -> torch.one_hot(idx, depth).to(TorchTensor.scalarType(dtype), false, false, NO_MEMORY_FORMAT));
    }

    @Override public Tensor pad(Tensor x, int[] padding) {
        int rank = x.rank();
        if (padding.length != 2 * rank) throw new IllegalArgumentException("pad needs 2 entries per axis (" + 2 * rank + "), got " + padding.length);
        long[] torchOrder = new long[2 * rank];    // libtorch lists the last axis first
        for (int axis = 0; axis < rank; axis++) {
            torchOrder[2 * (rank - 1 - axis)] = padding[2 * axis];
            torchOrder[2 * (rank - 1 - axis) + 1] = padding[2 * axis + 1];
        }
        return call(() -> torch.constant_pad_nd(unwrap(x), torchOrder));
    }

    @Override public Tensor crossEntropy(Tensor logits, Tensor labels) {
        if (labels.dtype() != DType.INT32 && labels.dtype() != DType.INT64) {
            throw new IllegalArgumentException("crossEntropy needs int32 or int64 labels, got " + labels.dtype());
        }
        org.bytedeco.pytorch.Tensor idx = labels.dtype() == DType.INT32
                ? unwrap(labels).to(org.bytedeco.pytorch.global.torch.ScalarType.Long, false, false, NO_MEMORY_FORMAT) : unwrap(labels);
        return call(() -> torch.cross_entropy(unwrap(logits), idx));
    }

    @Override public Tensor stopGradient(Tensor x) { return unary(x, org.bytedeco.pytorch.Tensor::detach); }
}
