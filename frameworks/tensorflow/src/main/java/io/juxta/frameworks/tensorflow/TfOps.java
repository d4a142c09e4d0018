package io.juxta.frameworks.tensorflow;

import io.juxta.frameworks.DType;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.spi.TensorOps;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.core.Min;
import org.tensorflow.op.core.Prod;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.core.StridedSlice;
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * The portable op set on TensorFlow. Each op emits a node into the graph being traced on this thread, or runs
 * eagerly when no trace is open. Image ops follow PyTorch's NCHW layout (see {@link NnOps}).
 */
@SuppressWarnings({"unchecked", "rawtypes"})
final class TfOps implements TensorOps {
    private final TfBackend backend;

    TfOps(TfBackend backend) { this.backend = backend; }

    // ---------------------------------------------------------------- plumbing

    /** Ops of the open trace, or of the eager session. */
    private Ops tf() {
        TraceContext trace = TraceContext.current();
        return trace != null ? trace.ops() : backend.eagerOps();
    }

    /** The operand of {@code t} as the current context needs it: eager values become graph constants inside a trace. */
    private Operand o(Tensor t) {
        if (!(t instanceof TfTensor x)) {
            throw new IllegalArgumentException("a " + (t == null ? "null" : t.backend().name()) + " tensor was passed to the tf backend;"
                    + " convert it with Ops.tensor(t.toHost()) first");
        }
        TraceContext trace = TraceContext.current();
        if (trace == null) {
            if (x.trace() != null) {
                throw new IllegalStateException("This tensor belongs to a compiled step (it is symbolic) and was used outside it."
                        + " Return it from the step (as a loss, metric or output) and use the returned value instead.");
            }
            return x.operand();
        }
        if (x.trace() == trace) return x.operand();
        if (x.trace() != null) {
            throw new IllegalStateException("A symbolic tensor from another compiled step was used in this one: keep tensors local to the step code.");
        }
        return constant(trace.ops(), x.toHost());     // an eager value captured by step code is baked in as a constant
    }

    private TfTensor wrap(Operand<? extends TType> operand) {
        TraceContext trace = TraceContext.current();
        TfTensor t = new TfTensor(backend, operand, trace);
        if (trace == null) TfMemoryScope.track(t);
        return t;
    }

    private static Operand constant(Ops tf, HostArray a) {
        Shape s = TfTypes.shape(a.shape());
        return switch (a.dtype()) {
            case FLOAT32 -> tf.constant(s, DataBuffers.of((float[]) a.data(), true, false));
            case FLOAT64 -> tf.constant(s, DataBuffers.of((double[]) a.data(), true, false));
            case INT32 -> tf.constant(s, DataBuffers.of((int[]) a.data(), true, false));
            case INT64 -> tf.constant(s, DataBuffers.of((long[]) a.data(), true, false));
            case BOOL -> tf.constant(s, DataBuffers.of((boolean[]) a.data(), true, false));
        };
    }

    private static Operand scalarOperand(Ops tf, double v, DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> tf.constant((float) v);
            case FLOAT64 -> tf.constant(v);
            case INT32 -> tf.constant((int) v);
            case INT64 -> tf.constant((long) v);
            case BOOL -> tf.constant(v != 0);
        };
    }

    private static void sameDtype(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + " needs operands of one dtype, got " + a.dtype() + " and " + b.dtype()
                    + ": cast one first, e.g. b.cast(DType." + a.dtype().name() + ")");
        }
    }

    private static void numeric(String op, Tensor x) {
        if (x.dtype() == DType.BOOL) throw new IllegalArgumentException(op + " needs a numeric tensor, got bool: cast it first");
    }

    private static void floating(String op, Tensor x) {
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException(op + " needs a floating-point tensor, got " + x.dtype() + ": cast it to float32 first");
        }
    }

    private static int axis(int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new IllegalArgumentException("axis " + axis + " is out of range for a rank-" + rank + " tensor");
        return a;
    }

    private Operand<TInt32> axesOperand(Ops tf, int[] axes, int rank) {
        int[] norm;
        if (axes.length == 0) {
            norm = new int[rank];
            for (int i = 0; i < rank; i++) norm[i] = i;
        } else {
            norm = new int[axes.length];
            for (int i = 0; i < axes.length; i++) norm[i] = axis(axes[i], rank);
        }
        return tf.constant(norm);
    }

    // ---------------------------------------------------------------- creation

    @Override public Tensor fromHost(HostArray array) { return wrap(constant(tf(), array)); }

    @Override public Tensor scalar(double value, DType dtype) { return wrap(scalarOperand(tf(), value, dtype)); }

    @Override public Tensor full(int[] shape, double value, DType dtype) {
        Ops tf = tf();
        return wrap(tf.fill(tf.constant(TfTypes.longs(shape)), scalarOperand(tf, value, dtype)));
    }

    @Override public Tensor zerosLike(Tensor x) { return wrap(tf().zerosLike(o(x))); }

    @Override public Tensor onesLike(Tensor x) { return wrap(tf().onesLike(o(x))); }

    @Override public Tensor arange(double start, double end, double step, DType dtype) {
        if (step == 0) throw new IllegalArgumentException("arange step must not be 0");
        int n = (int) Math.max(0, Math.ceil((end - start) / step));
        HostArray a = HostArray.zeros(dtype, n);
        for (int i = 0; i < n; i++) a.set(i, start + i * step);
        return fromHost(a);
    }

    @Override public Tensor eye(int n, DType dtype) {
        HostArray a = HostArray.zeros(dtype, n, n);
        for (int i = 0; i < n; i++) a.set(i * n + i, 1);
        return fromHost(a);
    }

    @Override public Tensor randomUniform(int[] shape, double low, double high, DType dtype) {
        Ops tf = tf();
        return uniform(tf, tf.constant(TfTypes.longs(shape)), low, high, dtype);
    }

    @Override public Tensor randomUniformLike(Tensor x, double low, double high) {
        Ops tf = tf();
        return uniform(tf, tf.shape(o(x), TInt64.class), low, high, x.dtype());
    }

    private Tensor uniform(Ops tf, Operand<TInt64> shape, double low, double high, DType dtype) {
        if (!dtype.isFloating()) throw new IllegalArgumentException("randomUniform needs a floating dtype, got " + dtype);
        Operand u = random(tf, shape, dtype, false);
        return wrap(tf.math.add(tf.math.mul(u, scalarOperand(tf, high - low, dtype)), scalarOperand(tf, low, dtype)));
    }

    @Override public Tensor randomNormal(int[] shape, double mean, double std, DType dtype) {
        if (!dtype.isFloating()) throw new IllegalArgumentException("randomNormal needs a floating dtype, got " + dtype);
        Ops tf = tf();
        Operand n = random(tf, tf.constant(TfTypes.longs(shape)), dtype, true);
        return wrap(tf.math.add(tf.math.mul(n, scalarOperand(tf, std, dtype)), scalarOperand(tf, mean, dtype)));
    }

    /**
     * In a graph a stateful op, so each run of the step draws new numbers; eagerly a stateless op keyed by
     * seeds from the backend generator, because TF caches eager kernels (and their state) by attributes.
     */
    private Operand random(Ops tf, Operand<TInt64> shape, DType dtype, boolean normal) {
        long[] seeds = backend.nextSeeds();
        Class type = TfTypes.tfType(dtype);
        if (TraceContext.current() != null) {
            return normal
                    ? tf.random.randomStandardNormal(shape, type, RandomStandardNormal.seed(seeds[0]), RandomStandardNormal.seed2(seeds[1]))
                    : tf.random.randomUniform(shape, type, RandomUniform.seed(seeds[0]), RandomUniform.seed2(seeds[1]));
        }
        Operand<TInt64> key = tf.constant(seeds);
        return normal ? tf.random.statelessRandomNormal(shape, key, type) : tf.random.statelessRandomUniform(shape, key, type);
    }

    // ---------------------------------------------------------------- element-wise binary

    @Override public Tensor add(Tensor a, Tensor b) { sameDtype("add", a, b); return wrap(tf().math.add(o(a), o(b))); }

    @Override public Tensor sub(Tensor a, Tensor b) { sameDtype("sub", a, b); return wrap(tf().math.sub(o(a), o(b))); }

    @Override public Tensor mul(Tensor a, Tensor b) { sameDtype("mul", a, b); return wrap(tf().math.mul(o(a), o(b))); }

    /** True division like torch: integer operands give a float32 result. */
    @Override public Tensor div(Tensor a, Tensor b) {
        sameDtype("div", a, b);
        numeric("div", a);
        Ops tf = tf();
        Operand x = o(a), y = o(b);
        if (!a.dtype().isFloating()) {
            x = tf.dtypes.cast(x, TFloat32.class);
            y = tf.dtypes.cast(y, TFloat32.class);
        }
        return wrap(tf.math.realDiv(x, y));
    }

    @Override public Tensor pow(Tensor a, Tensor b) { sameDtype("pow", a, b); numeric("pow", a); return wrap(tf().math.pow(o(a), o(b))); }

    @Override public Tensor maximum(Tensor a, Tensor b) { sameDtype("maximum", a, b); numeric("maximum", a); return wrap(tf().math.maximum(o(a), o(b))); }

    @Override public Tensor minimum(Tensor a, Tensor b) { sameDtype("minimum", a, b); numeric("minimum", a); return wrap(tf().math.minimum(o(a), o(b))); }

    // ---------------------------------------------------------------- element-wise unary

    @Override public Tensor neg(Tensor x) { numeric("neg", x); return wrap(tf().math.neg(o(x))); }

    @Override public Tensor abs(Tensor x) { numeric("abs", x); return wrap(tf().math.abs(o(x))); }

    @Override public Tensor sign(Tensor x) { numeric("sign", x); return wrap(tf().math.sign(o(x))); }

    @Override public Tensor exp(Tensor x) { floating("exp", x); return wrap(tf().math.exp(o(x))); }

    @Override public Tensor log(Tensor x) { floating("log", x); return wrap(tf().math.log(o(x))); }

    @Override public Tensor log1p(Tensor x) { floating("log1p", x); return wrap(tf().math.log1p(o(x))); }

    @Override public Tensor sqrt(Tensor x) { floating("sqrt", x); return wrap(tf().math.sqrt(o(x))); }

    @Override public Tensor rsqrt(Tensor x) { floating("rsqrt", x); return wrap(tf().math.rsqrt(o(x))); }

    @Override public Tensor square(Tensor x) { numeric("square", x); return wrap(tf().math.square(o(x))); }

    @Override public Tensor sin(Tensor x) { floating("sin", x); return wrap(tf().math.sin(o(x))); }

    @Override public Tensor cos(Tensor x) { floating("cos", x); return wrap(tf().math.cos(o(x))); }

    @Override public Tensor tanh(Tensor x) { floating("tanh", x); return wrap(tf().math.tanh(o(x))); }

    @Override public Tensor sigmoid(Tensor x) { floating("sigmoid", x); return wrap(tf().math.sigmoid(o(x))); }

    @Override public Tensor relu(Tensor x) { numeric("relu", x); return wrap(tf().nn.relu(o(x))); }

    @Override public Tensor erf(Tensor x) { floating("erf", x); return wrap(tf().math.erf(o(x))); }

    @Override public Tensor floor(Tensor x) { return x.dtype().isFloating() ? wrap(tf().math.floor(o(x))) : x; }

    @Override public Tensor ceil(Tensor x) { return x.dtype().isFloating() ? wrap(tf().math.ceil(o(x))) : x; }

    /** Half to even, like torch.round. */
    @Override public Tensor round(Tensor x) { return x.dtype().isFloating() ? wrap(tf().math.round(o(x))) : x; }

    // ---------------------------------------------------------------- comparison, logic, selection

    @Override public Tensor eq(Tensor a, Tensor b) { sameDtype("eq", a, b); return wrap(tf().math.equal(o(a), o(b))); }

    @Override public Tensor ne(Tensor a, Tensor b) { sameDtype("ne", a, b); return wrap(tf().math.notEqual(o(a), o(b))); }

    @Override public Tensor lt(Tensor a, Tensor b) { sameDtype("lt", a, b); numeric("lt", a); return wrap(tf().math.less(o(a), o(b))); }

    @Override public Tensor le(Tensor a, Tensor b) { sameDtype("le", a, b); numeric("le", a); return wrap(tf().math.lessEqual(o(a), o(b))); }

    @Override public Tensor gt(Tensor a, Tensor b) { sameDtype("gt", a, b); numeric("gt", a); return wrap(tf().math.greater(o(a), o(b))); }

    @Override public Tensor ge(Tensor a, Tensor b) { sameDtype("ge", a, b); numeric("ge", a); return wrap(tf().math.greaterEqual(o(a), o(b))); }

    @Override public Tensor logicalAnd(Tensor a, Tensor b) { bool("logicalAnd", a); bool("logicalAnd", b); return wrap(tf().math.logicalAnd(o(a), o(b))); }

    @Override public Tensor logicalOr(Tensor a, Tensor b) { bool("logicalOr", a); bool("logicalOr", b); return wrap(tf().math.logicalOr(o(a), o(b))); }

    @Override public Tensor logicalNot(Tensor x) { bool("logicalNot", x); return wrap(tf().math.logicalNot(o(x))); }

    private static void bool(String op, Tensor x) {
        if (x.dtype() != DType.BOOL) throw new IllegalArgumentException(op + " needs bool tensors, got " + x.dtype() + ": compare first, e.g. x.gt(0)");
    }

    @Override public Tensor where(Tensor condition, Tensor a, Tensor b) {
        bool("where (condition)", condition);
        sameDtype("where", a, b);
        return wrap(tf().select(o(condition), o(a), o(b)));
    }

    @Override public Tensor cast(Tensor x, DType dtype) {
        if (x.dtype() == dtype) return x;
        return wrap(tf().dtypes.cast(o(x), (Class) TfTypes.tfType(dtype)));
    }

    // ---------------------------------------------------------------- linear algebra and neural-network kernels

    @Override public Tensor matmul(Tensor a, Tensor b) {
        sameDtype("matmul", a, b);
        numeric("matmul", a);
        Ops tf = tf();
        Operand x = o(a), y = o(b);
        int ra = a.rank(), rb = b.rank();
        if (ra == 0 || rb == 0) throw new IllegalArgumentException("matmul needs tensors of rank >= 1, got ranks " + ra + " and " + rb);
        if (ra == 1) x = tf.expandDims(x, tf.constant(0));
        if (rb == 1) y = tf.expandDims(y, tf.constant(-1));
        Operand r;
        if (ra == 2 && rb == 2) {
            // x @ w.t() (every Linear layer) runs as one MatMul with transpose_b, without materialising w.t()
            TfTensor ta = ((TfTensor) a).transposeOf(), tb = ((TfTensor) b).transposeOf();
            if (ta != null) x = o(ta);
            if (tb != null) y = o(tb);
            r = tf.linalg.matMul(x, y, MatMul.transposeA(ta != null), MatMul.transposeB(tb != null));
        } else {
            r = (Math.max(ra, 2) == 2 && Math.max(rb, 2) == 2) ? tf.linalg.matMul(x, y) : tf.train.batchMatMul(x, y, x.type());
        }
        if (rb == 1) r = tf.squeeze(r, Squeeze.axis(-1L));
        if (ra == 1) r = tf.squeeze(r, Squeeze.axis(rb == 1 ? -1L : -2L));
        return wrap(r);
    }

    @Override public Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation) {
        floating("conv2d", input);
        sameDtype("conv2d", input, weight);
        if (weight.rank() != 4) throw new IllegalArgumentException("conv2d weight must be OIHW (rank 4), got shape " + io.juxta.frameworks.TensorFormat.shape(weight.shape()));
        return wrap(NnOps.conv2d(tf(), o(input), o(weight), bias == null ? null : o(bias), stride, padding, dilation, 1));
    }

    @Override public Tensor maxPool2d(Tensor input, int[] kernel, int[] stride, int[] padding) {
        floating("maxPool2d", input);
        return wrap(NnOps.maxPool2d(tf(), o(input), kernel, stride, padding));
    }

    @Override public Tensor avgPool2d(Tensor input, int[] kernel, int[] stride, int[] padding) {
        floating("avgPool2d", input);
        return wrap(NnOps.avgPool2d(tf(), o(input), kernel, stride, padding));
    }

    // ---------------------------------------------------------------- reductions

    @Override public Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        Ops tf = tf();
        Operand v = x.dtype() == DType.BOOL ? tf.dtypes.cast(o(x), TInt64.class) : o(x);   // torch sums bools as int64
        return wrap(tf.sum(v, axesOperand(tf, axes, x.rank()), Sum.keepDims(keepDims)));
    }

    @Override public Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        floating("mean", x);
        Ops tf = tf();
        return wrap(tf.math.mean(o(x), axesOperand(tf, axes, x.rank()), Mean.keepDims(keepDims)));
    }

    @Override public Tensor max(Tensor x, int[] axes, boolean keepDims) {
        numeric("max", x);
        Ops tf = tf();
        return wrap(tf.max(o(x), axesOperand(tf, axes, x.rank()), Max.keepDims(keepDims)));
    }

    @Override public Tensor min(Tensor x, int[] axes, boolean keepDims) {
        numeric("min", x);
        Ops tf = tf();
        return wrap(tf.min(o(x), axesOperand(tf, axes, x.rank()), Min.keepDims(keepDims)));
    }

    @Override public Tensor prod(Tensor x, int[] axes, boolean keepDims) {
        numeric("prod", x);
        Ops tf = tf();
        return wrap(tf.prod(o(x), axesOperand(tf, axes, x.rank()), Prod.keepDims(keepDims)));
    }

    @Override public Tensor argmax(Tensor x, int axis, boolean keepDims) {
        numeric("argmax", x);
        Ops tf = tf();
        int a = axis(axis, x.rank());
        Operand r = tf.math.argMax(o(x), tf.constant(a), TInt64.class);
        return wrap(keepDims ? tf.expandDims(r, tf.constant(a)) : r);
    }

    @Override public Tensor argmin(Tensor x, int axis, boolean keepDims) {
        numeric("argmin", x);
        Ops tf = tf();
        int a = axis(axis, x.rank());
        Operand r = tf.math.argMin(o(x), tf.constant(a), TInt64.class);
        return wrap(keepDims ? tf.expandDims(r, tf.constant(a)) : r);
    }

    @Override public Tensor softmax(Tensor x, int axis) {
        floating("softmax", x);
        return alongLastAxis(x, axis, (tf, v) -> tf.nn.softmax(v));
    }

    @Override public Tensor logSoftmax(Tensor x, int axis) {
        floating("logSoftmax", x);
        return alongLastAxis(x, axis, (tf, v) -> tf.nn.logSoftmax(v));
    }

    /** TF's softmax kernels work on the last axis: move {@code axis} there and back. */
    private Tensor alongLastAxis(Tensor x, int axis, java.util.function.BiFunction<Ops, Operand, Operand> f) {
        Ops tf = tf();
        int rank = x.rank(), a = axis(axis, rank);
        if (a == rank - 1) return wrap(f.apply(tf, o(x)));
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) perm[i] = i;
        perm[a] = rank - 1;
        perm[rank - 1] = a;
        Operand moved = tf.linalg.transpose(o(x), tf.constant(perm));
        return wrap(tf.linalg.transpose(f.apply(tf, moved), tf.constant(perm)));
    }

    @Override public Tensor logSumExp(Tensor x, int[] axes, boolean keepDims) {
        floating("logSumExp", x);
        Ops tf = tf();
        Operand v = o(x);
        Operand<TInt32> ax = axesOperand(tf, axes, x.rank());
        Operand peak = tf.stopGradient(tf.max(v, ax, Max.keepDims(true)));
        Operand summed = tf.sum(tf.math.exp(tf.math.sub(v, peak)), ax, Sum.keepDims(keepDims));
        Operand shift = keepDims ? peak : tf.stopGradient(tf.max(v, ax, Max.keepDims(false)));
        return wrap(tf.math.add(tf.math.log(summed), shift));
    }

    // ---------------------------------------------------------------- shape

    @Override public Tensor reshape(Tensor x, int[] shape) { Ops tf = tf(); return wrap(tf.reshape(o(x), tf.constant(TfTypes.longs(shape)))); }

    @Override public Tensor permute(Tensor x, int[] axes) {
        int rank = x.rank();
        if (axes.length != rank) throw new IllegalArgumentException("permute needs " + rank + " axes, got " + Arrays.toString(axes));
        int[] norm = new int[rank];
        for (int i = 0; i < rank; i++) norm[i] = axis(axes[i], rank);
        Ops tf = tf();
        TfTensor t = wrap(tf.linalg.transpose(o(x), tf.constant(norm)));
        return rank == 2 && norm[0] == 1 && x instanceof TfTensor source ? t.markTransposeOf(source) : t;
    }

    @Override public Tensor concat(List<Tensor> tensors, int axis) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("concat needs at least one tensor");
        Ops tf = tf();
        List<Operand> parts = new ArrayList<>();
        for (Tensor t : tensors) { sameDtype("concat", tensors.get(0), t); parts.add(o(t)); }
        return wrap(tf.concat((List) parts, tf.constant(axis(axis, tensors.get(0).rank()))));
    }

    @Override public Tensor stack(List<Tensor> tensors, int axis) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("stack needs at least one tensor");
        Ops tf = tf();
        List<Operand> parts = new ArrayList<>();
        for (Tensor t : tensors) { sameDtype("stack", tensors.get(0), t); parts.add(o(t)); }
        return wrap(tf.stack((List) parts, Stack.axis((long) axis(axis, tensors.get(0).rank() + 1))));
    }

    @Override public Tensor slice(Tensor x, int axis, int start, int end, int step) {
        if (step <= 0) throw new IllegalArgumentException("slice step must be positive, got " + step);
        int rank = x.rank(), a = axis(axis, rank);
        int[] begin = new int[rank], stop = new int[rank], strides = new int[rank];   // int32: StridedSliceGrad takes the shape as int32
        Arrays.fill(strides, 1);
        long others = ((1L << rank) - 1) & ~(1L << a);   // every other axis is taken whole
        begin[a] = start;
        stop[a] = end;
        strides[a] = step;
        Ops tf = tf();
        return wrap(tf.stridedSlice(o(x), tf.constant(begin), tf.constant(stop), tf.constant(strides),
                StridedSlice.beginMask(others), StridedSlice.endMask(others)));
    }

    @Override public Tensor gather(Tensor x, Tensor indices, int axis) {
        if (indices.dtype() != DType.INT32 && indices.dtype() != DType.INT64) {
            throw new IllegalArgumentException("gather needs int32 or int64 indices, got " + indices.dtype());
        }
        Ops tf = tf();
        return wrap(tf.gather(o(x), o(indices), tf.constant(axis(axis, x.rank()))));
    }

    @Override public Tensor squeeze(Tensor x, int axis) {
        int a = axis(axis, x.rank());
        int d = x.shape()[a];
        if (d != 1 && d != -1) throw new IllegalArgumentException("squeeze(" + axis + ") needs a dimension of size 1, shape is " + io.juxta.frameworks.TensorFormat.shape(x.shape()));
        return wrap(tf().squeeze(o(x), Squeeze.axis((long) a)));
    }

    @Override public Tensor unsqueeze(Tensor x, int axis) {
        Ops tf = tf();
        return wrap(tf.expandDims(o(x), tf.constant(axis(axis, x.rank() + 1))));
    }

    @Override public Tensor broadcastTo(Tensor x, int[] shape) {
        Ops tf = tf();
        return wrap(tf.broadcastTo(o(x), tf.constant(shape)));   // int32: its gradient compares it with Shape(x), which is int32
    }

    @Override public Tensor oneHot(Tensor indices, int depth, DType dtype) {
        if (indices.dtype() != DType.INT32 && indices.dtype() != DType.INT64) {
            throw new IllegalArgumentException("oneHot needs int32 or int64 class indices, got " + indices.dtype());
        }
        Ops tf = tf();
        return wrap(tf.oneHot(o(indices), tf.constant(depth), scalarOperand(tf, 1, dtype), scalarOperand(tf, 0, dtype)));
    }

    @Override public Tensor pad(Tensor x, int[] padding) {
        int rank = x.rank();
        if (padding.length != 2 * rank) throw new IllegalArgumentException("pad needs 2 values per axis (" + 2 * rank + "), got " + padding.length);
        int[][] pads = new int[rank][2];
        for (int i = 0; i < rank; i++) { pads[i][0] = padding[2 * i]; pads[i][1] = padding[2 * i + 1]; }
        Ops tf = tf();
        return wrap(tf.pad(o(x), tf.constant(pads), scalarOperand(tf, 0, x.dtype())));
    }

    // ---------------------------------------------------------------- fused losses

    /** TF's fused sparse kernel; its gradient comes from {@link MissingGradients} (the C++ registry has none). */
    @Override public Tensor crossEntropy(Tensor logits, Tensor labels) {
        floating("crossEntropy", logits);
        if (labels.dtype() != DType.INT32 && labels.dtype() != DType.INT64) {
            throw new IllegalArgumentException("crossEntropy needs int32 or int64 class labels, got " + labels.dtype());
        }
        Ops tf = tf();
        Operand perRow = tf.nn.sparseSoftmaxCrossEntropyWithLogits(o(logits), o(labels)).loss();
        return wrap(tf.math.mean(perRow, tf.constant(0)));
    }

    // ---------------------------------------------------------------- autograd

    @Override public Tensor stopGradient(Tensor x) { return wrap(tf().stopGradient(o(x))); }

    Operand operandOf(Tensor t) { return o(t); }
}
