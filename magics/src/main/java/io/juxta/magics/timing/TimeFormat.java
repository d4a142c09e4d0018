package io.juxta.magics.timing;

import java.util.Locale;

/** IPython's {@code _format_time}: three significant digits in s, ms, µs or ns; minutes and up as "1min 5s". */
final class TimeFormat {
    private static final String[] UNITS = {"s", "ms", "\u00b5s", "ns"};
    private static final double[] SCALE = {1, 1e3, 1e6, 1e9};

    private TimeFormat() {
    }

    static String of(double seconds) {
        if (seconds >= 60.0) {
            String[] suffixes = {"d", "h", "min", "s"};
            long[] lengths = {86400, 3600, 60, 1};
            StringBuilder text = new StringBuilder();
            double leftover = seconds;
            for (int i = 0; i < suffixes.length; i++) {
                long value = (long) (leftover / lengths[i]);
                if (value > 0) {
                    leftover = leftover % lengths[i];
                    text.append(text.length() > 0 ? " " : "").append(value).append(suffixes[i]);
                }
                if (leftover < 1) {
                    break;
                }
            }
            return text.toString();
        }
        int order = seconds > 0 ? Math.min(-(int) Math.floorDiv((long) Math.floor(Math.log10(seconds)), 3), 3) : 3;
        order = Math.max(order, 0);
        return significant(seconds * SCALE[order], 3) + " " + UNITS[order];
    }

    /** Python's {@code "%.3g"}: significant digits, no trailing zeros, no exponent in this range. */
    static String significant(double value, int digits) {
        if (value == 0) {
            return "0";
        }
        String text = new java.math.BigDecimal(value).round(new java.math.MathContext(digits)).stripTrailingZeros().toPlainString();
        return text.toLowerCase(Locale.ROOT);
    }
}
