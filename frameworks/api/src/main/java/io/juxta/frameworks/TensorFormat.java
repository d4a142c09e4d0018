package io.juxta.frameworks;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/**
 * PyTorch-like text for tensors: {@code tensor([[1.0000, 2.0000], [3.0000, 4.0000]], shape=[2, 2], dtype=float32,
 * device=cpu, backend=torch)}. Large tensors show the first and last {@value #EDGE_ITEMS} entries of each axis.
 */
public final class TensorFormat {
    static final int SUMMARY_THRESHOLD = 1000;
    static final int EDGE_ITEMS = 3;

    private TensorFormat() {}

    /**
     * A shape as messages show it: {@code [?, 3]} for a traced tensor whose batch size is not known until it runs
     * (TensorFlow's staged code reports it as -1, which reads like a real size).
     */
    public static String shape(int[] shape) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(shape[i] < 0 ? "?" : Integer.toString(shape[i]));
        }
        return b.append(']').toString();
    }

    public static String format(Tensor t) {
        String meta = "device=" + t.device() + ", backend=" + t.backend().name();
        if (t.isSymbolic()) {
            return "tensor(<symbolic>, shape=" + shape(t.shape()) + ", dtype=" + t.dtype() + ", " + meta + ")";
        }
        return format(t.toHost(), "tensor", meta);
    }

    /**
     * HTML for notebook display: a one-line header (shape, dtype, device, backend) and the values in {@code <pre>}.
     * The renderer registration lives in the toolkit, which sees the kernel API.
     */
    public static String html(Tensor t) {
        String header = "Tensor " + Arrays.toString(t.shape()) + " " + t.dtype() + " on " + t.device() + " (" + t.backend().name() + ")";
        String body = t.isSymbolic() ? "&lt;symbolic: no value while tracing&gt;" : escape(values(t.toHost()));
        return "<div class=\"juxta-tensor\"><div style=\"font-weight:bold\">" + escape(header) + "</div><pre>" + body + "</pre></div>";
    }

    /** Just the bracketed values, without the {@code tensor(...)} wrapper. */
    public static String values(HostArray a) {
        return body(a, 0);
    }

    private static String escape(String s) { return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"); }

    /** Renders {@code a} as {@code prefix(values, shape=..., dtype=..., suffix)}. */
    public static String format(HostArray a, String prefix, String suffix) {
        StringBuilder sb = new StringBuilder(prefix).append('(').append(body(a, prefix.length() + 1));
        sb.append(", shape=").append(Arrays.toString(a.shape())).append(", dtype=").append(a.dtype());
        if (!suffix.isEmpty()) sb.append(", ").append(suffix);
        return sb.append(')').toString();
    }

    private static String body(HostArray a, int indent) {
        StringBuilder sb = new StringBuilder();
        boolean summarize = a.size() > SUMMARY_THRESHOLD;
        String[] cells = new String[a.size()];
        int width = 0;
        NumberStyle style = NumberStyle.of(a.dtype(), IntStream.range(0, a.size()).mapToDouble(a::get));
        for (int i = 0; i < a.size(); i++) {
            if (summarize && !visible(a.shape(), i)) continue;
            cells[i] = style.render(a.get(i));
            width = Math.max(width, cells[i].length());
        }
        appendAxis(sb, a.shape(), 0, 0, cells, width, summarize, indent);
        return sb.toString();
    }

    private static void appendAxis(StringBuilder sb, int[] shape, int axis, int offset, String[] cells, int width,
                                   boolean summarize, int indent) {
        if (axis == shape.length) {
            sb.append(pad(cells[offset], width));
            return;
        }
        int n = shape[axis];
        int stride = 1;
        for (int i = axis + 1; i < shape.length; i++) stride *= shape[i];
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                sb.append("...");
                i = n - EDGE_ITEMS - 1;
                sb.append(separator(shape, axis, indent));
                continue;
            }
            appendAxis(sb, shape, axis + 1, offset + i * stride, cells, width, summarize, indent);
            if (i < n - 1) sb.append(separator(shape, axis, indent));
        }
        sb.append(']');
    }

    private static String separator(int[] shape, int axis, int indent) {
        int innerRank = shape.length - axis - 1;
        if (innerRank == 0) return ", ";
        return "," + "\n".repeat(innerRank) + " ".repeat(indent + axis + 1);
    }

    private static boolean visible(int[] shape, int flat) {
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            int i = flat % shape[axis];
            flat /= shape[axis];
            if (shape[axis] > 2 * EDGE_ITEMS && i >= EDGE_ITEMS && i < shape[axis] - EDGE_ITEMS) return false;
        }
        return true;
    }

    /**
     * How numbers of {@code dtype} are written when {@code shown} are printed together, as PyTorch's printer does:
     * one style (fixed or scientific, 4 digits) for all of them.
     */
    public static DoubleFunction<String> numberFormat(DType dtype, DoubleStream shown) {
        return NumberStyle.of(dtype, shown)::render;
    }

    private static String pad(String s, int width) { return " ".repeat(Math.max(0, width - s.length())) + s; }

    private enum NumberStyle {
        INTEGER, BOOLEAN, FIXED, SCIENTIFIC;

        static NumberStyle of(DType dtype, DoubleStream values) {
            if (dtype == DType.BOOL) return BOOLEAN;
            if (!dtype.isFloating()) return INTEGER;
            double maxAbs = 0, minAbs = Double.MAX_VALUE;
            for (double value : (Iterable<Double>) values::iterator) {
                double v = Math.abs(value);
                if (!Double.isFinite(v)) continue;
                maxAbs = Math.max(maxAbs, v);
                if (v > 0) minAbs = Math.min(minAbs, v);
            }
            return maxAbs >= 1e5 || (minAbs < 1e-4 && maxAbs > 0) ? SCIENTIFIC : FIXED;
        }

        String render(double v) {
            return switch (this) {
                case BOOLEAN -> v != 0 ? "true" : "false";
                case INTEGER -> Long.toString((long) v);
                case FIXED -> Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : Double.toString(v);
                case SCIENTIFIC -> Double.isFinite(v) ? String.format(Locale.ROOT, "%.4e", v) : Double.toString(v);
            };
        }
    }
}
