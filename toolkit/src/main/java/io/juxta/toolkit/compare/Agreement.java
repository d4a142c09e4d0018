package io.juxta.toolkit.compare;

import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.nn.Layer;
import io.juxta.frameworks.train.History;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Numerical agreement of two values a cell returned on two backends: tensors, host and Java arrays, numbers,
 * models (their weights), training histories (their loss and metric curves), and maps and lists of those.
 * Each comparable part gives one {@link Difference}; parts that cannot be compared say why.
 */
public final class Agreement {
    /** Relative tolerance of {@link Difference#close()}, as numpy's {@code allclose(rtol=1e-3, atol=1e-5)}. */
    public static final double RELATIVE_TOLERANCE = 1e-3;
    public static final double ABSOLUTE_TOLERANCE = 1e-5;

    private Agreement() {}

    /**
     * How one part of the two values differs.
     *
     * @param what   the part: "value", "weights layer0.weight", "history loss per step"
     * @param maxAbs the largest absolute difference, NaN when not comparable
     * @param maxRel the largest relative difference |a-b| / max(|a|, |b|), skipping pairs that are both zero
     * @param close  within {@value #RELATIVE_TOLERANCE} relative plus {@value #ABSOLUTE_TOLERANCE} absolute
     * @param note   why the part is not comparable (shapes differ, types differ), else ""
     * @param nanOnOneSide how many values are NaN on one backend and a number on the other (not in maxAbs, maxRel)
     */
    public record Difference(String what, double maxAbs, double maxRel, boolean close, String note, int nanOnOneSide) {
        public Difference(String what, double maxAbs, double maxRel, boolean close, String note) {
            this(what, maxAbs, maxRel, close, note, 0);
        }

        public boolean comparable() {
            return note.isEmpty();
        }

        /** ", NaN on one side only at 3 values", or "" when there is none. */
        public String nanNote() {
            return nanOnOneSide == 0 ? "" : ", NaN on one side only at " + nanOnOneSide + (nanOnOneSide == 1 ? " value" : " values");
        }

        static Difference incomparable(String what, String note) {
            return new Difference(what, Double.NaN, Double.NaN, false, note);
        }

        @Override
        public String toString() {
            if (!comparable()) {
                return what + ": " + note;
            }
            return String.format(Locale.ROOT, "%s: max abs %.3g, max rel %.3g%s%s", what, maxAbs, maxRel, nanNote(),
                    close ? "" : " (differs)");
        }
    }

    /** A model's weights copied to the host at one moment, by variable name. */
    public record Weights(Map<String, HostArray> byName) {
        @Override
        public String toString() {
            return "weights of " + byName.size() + " variables";
        }
    }

    /**
     * The value as it is now, for comparing later: a model becomes a copy of its {@link Weights} and a tensor its
     * host array, since the same model object may be trained on by the next backend. Other values stay as they are.
     */
    public static Object freeze(Object value) {
        if (value instanceof Layer model) {
            Map<String, HostArray> weights = new java.util.LinkedHashMap<>();
            model.namedVariables().forEach((name, v) -> weights.put(name, v.toHost().copy()));
            return new Weights(weights);
        }
        if (value instanceof Tensor t && !t.isSymbolic()) {
            return t.toHost().copy();
        }
        return value;
    }

    /** The differences of every comparable part of {@code other} against {@code reference}. */
    public static List<Difference> compare(Object reference, Object other) {
        List<Difference> out = new ArrayList<>();
        compare("value", reference, other, out);
        return out;
    }

    private static void compare(String what, Object a, Object b, List<Difference> out) {
        if (a == null || b == null) {
            out.add(a == b ? new Difference(what, 0, 0, true, "") : Difference.incomparable(what, "null on one backend only"));
            return;
        }
        if (a instanceof History ha && b instanceof History hb) {
            out.add(numbers(what + " loss per step", HostArray.of(ha.losses()), HostArray.of(hb.losses())));
            Map<String, double[]> sa = ha.epochSeries();
            Map<String, double[]> sb = hb.epochSeries();
            for (String series : sa.keySet()) {
                if (sb.containsKey(series) && !series.equals("loss")) {
                    out.add(numbers(what + " " + series + " per epoch", HostArray.of(sa.get(series)), HostArray.of(sb.get(series))));
                }
            }
            return;
        }
        if (a instanceof Layer || b instanceof Layer) {
            compare(what, freeze(a), freeze(b), out);
            return;
        }
        if (a instanceof Weights wa && b instanceof Weights wb) {
            if (!wa.byName().keySet().equals(wb.byName().keySet())) {
                out.add(Difference.incomparable(what + " weights", "the models have different variables"));
                return;
            }
            HostArray[] left = new HostArray[wa.byName().size()];
            HostArray[] right = new HostArray[left.length];
            int i = 0;
            for (String name : wa.byName().keySet()) {
                left[i] = wa.byName().get(name);
                right[i++] = wb.byName().get(name);
            }
            out.add(numbers(what + " weights (" + left.length + " variables)", left, right));
            return;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (!ma.keySet().equals(mb.keySet())) {
                out.add(Difference.incomparable(what, "the maps have different keys"));
                return;
            }
            for (Object key : ma.keySet()) {
                compare(what + "[" + key + "]", ma.get(key), mb.get(key), out);
            }
            return;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb && !(numeric(a) && numeric(b))) {
            if (la.size() != lb.size()) {
                out.add(Difference.incomparable(what, "lists of " + la.size() + " and " + lb.size() + " elements"));
                return;
            }
            for (int i = 0; i < la.size(); i++) {
                compare(what + "[" + i + "]", la.get(i), lb.get(i), out);
            }
            return;
        }
        HostArray ha = toHost(a);
        HostArray hb = toHost(b);
        if (ha != null && hb != null) {
            boolean array = a instanceof Tensor || a instanceof HostArray;
            out.add(numbers(what + (array ? " tensor " + Arrays.toString(ha.shape()) : ""), ha, hb));
            return;
        }
        if (ha != null || hb != null) {
            out.add(Difference.incomparable(what, "a " + typeName(a) + " and a " + typeName(b)));
            return;
        }
        boolean equal = Objects.equals(a, b) || String.valueOf(a).equals(String.valueOf(b));
        out.add(equal ? new Difference(what, 0, 0, true, "")
                : Difference.incomparable(what, "not numbers; their texts differ (" + typeName(a) + ")"));
    }

    private static boolean numeric(Object list) {
        return list instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(e -> e instanceof Number);
    }

    private static String typeName(Object value) {
        return value.getClass().getSimpleName().isEmpty() ? value.getClass().getName() : value.getClass().getSimpleName();
    }

    /** Numbers in a value as a host array; null when it holds none. */
    static HostArray toHost(Object value) {
        if (value instanceof Tensor t) {
            return t.isSymbolic() ? null : t.toHost();
        }
        if (value instanceof HostArray h) {
            return h;
        }
        if (value instanceof Number n) {
            return HostArray.of(new double[] {n.doubleValue()});
        }
        if (value instanceof double[] d) {
            return HostArray.of(d);
        }
        if (value instanceof float[] f) {
            return HostArray.of(f);
        }
        if (value instanceof int[] i) {
            return HostArray.of(i);
        }
        if (value instanceof long[] l) {
            return HostArray.of(l);
        }
        if (value instanceof List<?> list && numeric(list)) {
            return HostArray.of(list.stream().mapToDouble(e -> ((Number) e).doubleValue()).toArray());
        }
        return null;
    }

    /** The largest differences over all pairs of arrays, which must have equal shapes. */
    static Difference numbers(String what, HostArray a, HostArray b) {
        return numbers(what, new HostArray[] {a}, new HostArray[] {b});
    }

    private static Difference numbers(String what, HostArray[] a, HostArray[] b) {
        double maxAbs = 0;
        double maxRel = 0;
        boolean close = true;
        int nanOnOneSide = 0;
        for (int k = 0; k < a.length; k++) {
            if (!Arrays.equals(a[k].shape(), b[k].shape())) {
                return Difference.incomparable(what, "shapes " + Arrays.toString(a[k].shape()) + " and " + Arrays.toString(b[k].shape()));
            }
            for (int i = 0; i < a[k].size(); i++) {
                double x = a[k].get(i);
                double y = b[k].get(i);
                if (Double.isNaN(x) && Double.isNaN(y) || x == y) {
                    continue;
                }
                if (Double.isNaN(x) || Double.isNaN(y)) {
                    nanOnOneSide++;
                    close = false;
                    continue;
                }
                double diff = Math.abs(x - y); // infinite when one side is (a NaN when both are, of opposite signs)
                double rel = Double.isInfinite(diff) || Double.isNaN(diff) ? Double.POSITIVE_INFINITY
                        : diff / Math.max(Math.abs(x), Math.abs(y));
                diff = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff;
                maxAbs = Math.max(maxAbs, diff);
                maxRel = Math.max(maxRel, rel);
                close &= diff <= ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * Math.abs(x);
            }
        }
        return new Difference(what, maxAbs, maxRel, close, "", nanOnOneSide);
    }
}
