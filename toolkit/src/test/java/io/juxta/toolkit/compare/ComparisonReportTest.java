package io.juxta.toolkit.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.frameworks.train.History;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonReportTest {
    private static BackendRun ran(String backend, Object value, double... seconds) {
        List<Double> times = java.util.Arrays.stream(seconds).boxed().toList();
        return new BackendRun(backend, backend + " 1.0", times, List.of(0.5), times, 64L << 20, 512L << 20, 1L << 20,
                value, String.valueOf(value), null);
    }

    @Test
    void columnsShowMedianAndFastestTimeAndTheValuesAgree() {
        ComparisonReport report = new ComparisonReport(List.of(ran("torch", 3.0, 0.3, 0.1, 0.2), ran("tf", 3.0000001, 0.4, 0.5, 0.6)),
                3, 1, 0, true, "");
        assertEquals(0.2, report.run("torch").medianSeconds(), 1e-12);
        assertEquals(0.1, report.run("torch").minSeconds(), 1e-12);
        assertEquals(2.5, report.speedRatio("tf", "torch"), 1e-9);
        assertEquals(true, report.agrees().orElseThrow());
        String html = report.html();
        assertTrue(html.contains("<th>torch</th><th>tf</th>"), html);
        assertTrue(html.contains("<td>200 ms</td><td>500 ms</td>"), html);
        assertTrue(html.contains("<td>64.0 MiB</td>") && html.contains("<td>512.0 MiB</td>"), html);
        assertTrue(report.text().contains("agreement: agree: every value within rtol 1e-03, atol 1e-05"), report.text());
        assertNotNull(report.timesChart());
        assertNull(report.lossChart());
    }

    @Test
    void aFailedColumnKeepsTheOtherAndSaysWhy() {
        ComparisonReport report = new ComparisonReport(List.of(BackendRun.failed("torch", "?", "run 1 failed: boom"), ran("tf", 1, 0.1)),
                1, 0, 7, true, "");
        assertTrue(report.agrees().isEmpty());
        assertEquals("not compared: fewer than two backends ran", report.verdict());
        assertTrue(report.html().contains("FAILED: run 1 failed: boom"));
        assertTrue(report.text().contains("tf value:\n1"), report.text());
        assertEquals(1, report.timesChart().getSeries("median").getXData().size());
    }

    @Test
    void randomOpsTurnAMismatchIntoAnExpectedDifference() {
        ComparisonReport report = new ComparisonReport(List.of(ran("torch", 0.1, 1), ran("tf", 0.9, 1)), 1, 0, 0, true,
                "the cell uses backend random ops");
        assertEquals(false, report.agrees().orElseThrow());
        assertEquals("differ, as expected: the cell uses backend random ops", report.verdict());
        ComparisonReport strict = new ComparisonReport(List.of(ran("torch", 0.1, 1), ran("tf", 0.9, 1)), 1, 0, 0, true, "");
        assertEquals("differ: beyond rtol 1e-3, atol 1e-5", strict.verdict());
        assertEquals("not checked (--no-check)", new ComparisonReport(strict.runs(), 1, 0, 0, false, "").verdict());
    }

    @Test
    void historiesGetBothLossCurvesOnOneChart() {
        History a = new History("torch");
        History b = new History("tf");
        for (int i = 0; i < 3; i++) {
            a.recordStep(1.0 / (i + 1), 1);
            b.recordStep(1.0 / (i + 1), 1);
        }
        a.recordEpoch(new History.Epoch(0, 0.6, Map.of(), Map.of(), 1));
        b.recordEpoch(new History.Epoch(0, 0.6, Map.of(), Map.of(), 1));
        ComparisonReport report = new ComparisonReport(List.of(ran("torch", a, 1), ran("tf", b, 1)), 1, 0, 0, true, "");
        assertEquals(3, report.lossChart().getSeries("torch").getYData().length);
        assertEquals(3, report.lossChart().getSeries("tf").getYData().length);
        ComparisonReport.remember(report);
        assertEquals(report, ComparisonReport.last());
    }
}
