package io.juxta.toolkit.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.train.History;
import io.juxta.toolkit.HostTensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class TablesTest {
    static History history(String backend, double... epochLosses) {
        History h = new History(backend);
        for (int e = 0; e < epochLosses.length; e++) {
            h.recordStep(epochLosses[e] + 0.1, 1_000_000);
            h.recordStep(epochLosses[e] - 0.1, 2_000_000);
            h.recordEpoch(new History.Epoch(e, epochLosses[e], Map.of("accuracy", 0.5 + e / 10.0), Map.of(), 0.25));
        }
        return h;
    }

    @Test
    void aMatrixTensorBecomesOneRowPerRow() {
        Table table = Tables.of(HostTensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2));
        assertEquals(3, table.rowCount());
        assertEquals(List.of("c0", "c1"), table.columnNames());
        assertEquals(6.0, table.doubleColumn("c1").get(2));
        Table named = Tables.of(HostTensor.of(new float[] {1, 2, 3, 4}, 2, 2), "cat", "dog");
        assertEquals(List.of("cat", "dog"), named.columnNames());
    }

    @Test
    void float32ValuesKeepTheirShortDecimals() {
        Table table = Tables.of(HostArray.of(new float[] {0.1f, 0.2f, 1e-7f, Float.NaN}, 4));
        assertEquals("0.1", table.column(0).getString(0));
        assertEquals(0.2, table.doubleColumn(0).get(1));
        assertEquals(1e-7, table.doubleColumn(0).get(2));
        assertTrue(table.doubleColumn(0).isMissing(3));
    }

    @Test
    void integerArraysKeepIntegerColumnsAndHigherRanksAreRefused() {
        Table table = Tables.of(HostArray.of(new int[] {7, 8, 9}));
        assertEquals(List.of("value"), table.columnNames());
        assertEquals(9, table.intColumn("value").get(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tables.of(HostArray.of(new float[8], 2, 2, 2)));
        assertTrue(e.getMessage().contains("reshape"), e.getMessage());
    }

    @Test
    void aHistoryBecomesOneRowPerEpochAndOnePerStep() {
        History h = history("torch", 2.0, 1.5);
        Table epochs = Tables.of(h);
        assertEquals(List.of("epoch", "loss", "accuracy", "seconds"), epochs.columnNames());
        assertEquals(2, epochs.rowCount());
        assertEquals(1.5, epochs.doubleColumn("loss").get(1));
        Table steps = Tables.steps(h);
        assertEquals(4, steps.rowCount());
        assertArrayEquals(new double[] {2.1, 1.9, 1.6, 1.4}, steps.doubleColumn("loss").asDoubleArray(), 1e-12);
        assertEquals(2.0, steps.doubleColumn("ms").get(1));
    }

    @Test
    void severalHistoriesStackWithTheirRunName() {
        Table both = Tables.of(history("torch", 2.0, 1.5), history("tf", 2.0, 1.4));
        assertEquals(4, both.rowCount());
        assertEquals("tf", both.stringColumn("run").get(3));
        assertEquals(1.4, both.doubleColumn("loss").get(3));
    }
}
