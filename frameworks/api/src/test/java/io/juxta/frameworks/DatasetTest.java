package io.juxta.frameworks;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class DatasetTest {
    static Dataset counting(int n) {
        float[] x = new float[n * 2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) { x[2 * i] = i; x[2 * i + 1] = -i; y[i] = i; }
        return Dataset.of(HostArray.of(x, n, 2), HostArray.of(y));
    }

    @Test void batchesCoverEveryRowOnceAndKeepPairs() {
        List<HostBatch> batches = counting(10).batches(4, new SplittableRandom(1));
        assertEquals(List.of(4, 4, 2), batches.stream().map(HostBatch::size).toList());
        Set<Integer> seen = new HashSet<>();
        for (HostBatch b : batches) {
            int[] y = b.get("y").toIntArray();
            float[] x = b.get("x").toFloatArray();
            for (int i = 0; i < y.length; i++) {
                assertEquals(y[i], x[2 * i], 0, "x row belongs to its label");
                assertTrue(seen.add(y[i]));
            }
        }
        assertEquals(10, seen.size());
    }

    @Test void shuffleIsReproducibleBySeed() {
        var a = counting(50).batches(50, new SplittableRandom(7)).get(0).get("y").toIntArray();
        var b = counting(50).batches(50, new SplittableRandom(7)).get(0).get("y").toIntArray();
        var c = counting(50).batches(50, null).get(0).get("y").toIntArray();
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test void limitSplitAndMismatch() {
        assertEquals(3, counting(10).limit(3).size());
        Dataset[] parts = counting(10).split(0.8);
        assertEquals(8, parts[0].size());
        assertEquals(2, parts[1].size());
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(HostArray.of(new float[4], 2, 2), HostArray.of(new int[3])));
    }

    /** split(80) meant as 80 % failed with "Row 10 of 10" from deep inside, and split(NaN) gave an empty first part. */
    @Test void aSplitOutsideZeroToOneAndANegativeLimitSayWhatTheyTake() {
        for (double fraction : new double[] {80, 1.5, -0.2, Double.NaN}) {
            var e = assertThrows(IllegalArgumentException.class, () -> counting(10).split(fraction), "split(" + fraction + ")");
            assertEquals("split takes the fraction of rows for the first part, from 0 to 1 (0.8 for 80 %); got " + fraction, e.getMessage());
        }
        assertEquals(10, counting(10).split(1)[0].size());
        assertEquals(0, counting(10).split(0)[0].size());
        var e = assertThrows(IllegalArgumentException.class, () -> counting(10).limit(-1));
        assertEquals("limit takes a number of rows, at least 0; got -1", e.getMessage());
        assertEquals(0, counting(10).limit(0).size());
    }

    @Test void anEmptyOrUnlabelledValidationSetIsRefusedWhereItIsGiven() {
        // not later, as "evaluate was given an empty dataset" at the end of the first epoch
        var empty = assertThrows(IllegalArgumentException.class, () -> io.juxta.frameworks.train.Fit.epochs(1)
                .validation(counting(10).split(1)[1]));
        assertTrue(empty.getMessage().startsWith("Fit.validation was given an empty dataset"), empty.getMessage());
        var unlabelled = assertThrows(IllegalArgumentException.class, () -> io.juxta.frameworks.train.Fit.epochs(1)
                .validation(Dataset.of(HostArray.of(new float[] {1, 2}, 1, 2), null)));
        assertEquals("Fit.validation needs a dataset with targets (Dataset.of(x, y))", unlabelled.getMessage());
        assertEquals(3, io.juxta.frameworks.train.Fit.epochs(1).validation(counting(10).split(0.7)[1]).validation().size());
    }
}
