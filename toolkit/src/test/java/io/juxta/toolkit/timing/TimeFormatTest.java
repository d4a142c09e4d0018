package io.juxta.toolkit.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimeFormatTest {
    @Test
    void picksIPythonsUnitForEachMagnitude() {
        assertEquals("1.5 s", TimeFormat.seconds(1.5));
        assertEquals("12.3 ms", TimeFormat.seconds(0.0123456));
        assertEquals("45.6 µs", TimeFormat.seconds(45.6e-6));
        assertEquals("789 ns", TimeFormat.seconds(789e-9));
        assertEquals("0 ns", TimeFormat.seconds(0));
    }

    @Test
    void dropsTrailingZerosLikePercentG() {
        assertEquals("1 ms", TimeFormat.seconds(0.001));
        assertEquals("100 µs", TimeFormat.seconds(100e-6));
        assertEquals("2.5 s", TimeFormat.seconds(2.5));
    }

    @Test
    void roundingUpToAThousandKeepsTheUnitAndGoesScientificAsIPythonDoes() {
        assertEquals("1e+03 ms", TimeFormat.seconds(0.99995));
    }

    @Test
    void precisionSetsSignificantDigits() {
        assertEquals("12.35 ms", TimeFormat.seconds(0.0123456, 4));
        assertEquals("1e+01 ms", TimeFormat.seconds(0.0123456, 1)); // Python: "%.1g" % 12.3 == "1e+01"
    }

    @Test
    void longDurationsAreSplitIntoDaysHoursMinutesSeconds() {
        assertEquals("2min 5s", TimeFormat.seconds(125.4));
        assertEquals("1h", TimeFormat.seconds(3600.5));
        assertEquals("1d 1h 1min 1s", TimeFormat.seconds(86400 + 3600 + 60 + 1));
    }

    @Test
    void formatGMatchesCPrintf() {
        assertEquals("0.000123", TimeFormat.formatG(0.00012345, 3));
        assertEquals("1.23e-05", TimeFormat.formatG(0.000012345, 3));
        assertEquals("1.23e+05", TimeFormat.formatG(123456, 3));
        assertEquals("100", TimeFormat.formatG(100, 3));
        assertEquals("0.2", TimeFormat.formatG(0.25, 1)); // an exact tie rounds to even
        assertEquals("-4.5", TimeFormat.formatG(-4.5, 3));
        assertEquals("inf", TimeFormat.formatG(Double.POSITIVE_INFINITY, 3));
    }
}
