package io.juxta.toolkit.timing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats durations exactly as IPython's {@code %time} and {@code %timeit} do, so Python users
 * read Juxta's timings without learning anything new: {@code "12.3 ms"}, {@code "45.6 µs"},
 * {@code "2min 5s"}.
 */
public final class TimeFormat {
    /** IPython's default number of significant digits ({@code %timeit -p}). */
    public static final int DEFAULT_PRECISION = 3;

    private static final String[] UNITS = {"s", "ms", "µs", "ns"};
    private static final double[] SCALES = {1, 1e3, 1e6, 1e9};
    private static final String[] LONG_SUFFIXES = {"d", "h", "min", "s"};
    private static final double[] LONG_LENGTHS = {86400, 3600, 60, 1};

    private TimeFormat() {}

    /** A duration in seconds with {@link #DEFAULT_PRECISION} significant digits. */
    public static String seconds(double seconds) {
        return seconds(seconds, DEFAULT_PRECISION);
    }

    /** A duration in seconds with the given number of significant digits. */
    public static String seconds(double seconds, int precision) {
        if (Double.isNaN(seconds)) {
            return "nan s";
        }
        if (seconds >= 60.0) {
            return daysHoursMinutes(seconds);
        }
        int order = 3;
        if (seconds > 0.0) {
            // Python: min(-int(floor(log10(t)) // 3), 3), with // rounding toward minus infinity
            order = Math.min(-Math.floorDiv((int) Math.floor(Math.log10(seconds)), 3), 3);
        }
        return formatG(seconds * SCALES[order], precision) + " " + UNITS[order];
    }

    private static String daysHoursMinutes(double seconds) {
        StringBuilder out = new StringBuilder();
        double leftover = seconds;
        for (int i = 0; i < LONG_SUFFIXES.length; i++) {
            long value = (long) (leftover / LONG_LENGTHS[i]);
            if (value > 0) {
                leftover = leftover % LONG_LENGTHS[i];
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(value).append(LONG_SUFFIXES[i]);
            }
            if (leftover < 1) {
                break;
            }
        }
        return out.toString();
    }

    /** C's and Python's {@code %.<precision>g}: significant digits, trailing zeros removed. */
    public static String formatG(double value, int precision) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        int digits = Math.max(precision, 1);
        if (value == 0.0) {
            return (1 / value < 0) ? "-0" : "0";
        }
        // The exact binary value rounded half-even, as C's printf rounds
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -4 && exponent < digits) {
            BigDecimal fixed = rounded.setScale(Math.max(digits - 1 - exponent, 0), RoundingMode.HALF_EVEN);
            return stripZeros(fixed.toPlainString());
        }
        BigDecimal mantissa = rounded.movePointLeft(exponent).setScale(digits - 1, RoundingMode.HALF_EVEN);
        String sign = exponent < 0 ? "-" : "+";
        int absExponent = Math.abs(exponent);
        return stripZeros(mantissa.toPlainString()) + "e" + sign + (absExponent < 10 ? "0" : "") + absExponent;
    }

    private static String stripZeros(String number) {
        if (number.indexOf('.') < 0) {
            return number;
        }
        int end = number.length();
        while (number.charAt(end - 1) == '0') {
            end--;
        }
        if (number.charAt(end - 1) == '.') {
            end--;
        }
        return number.substring(0, end);
    }
}
