package io.juxta.frameworks;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class HostArrayTest {
    @Test void shapeMustMatchData() {
        var e = assertThrows(IllegalArgumentException.class, () -> HostArray.of(new float[5], 2, 3));
        assertTrue(e.getMessage().contains("needs 6 elements"), e.getMessage());
    }

    @Test void reshapeResolvesOneUnknownDimension() {
        assertArrayEquals(new int[]{3, 4}, HostArray.of(new float[12], 2, 6).reshape(3, -1).shape());
        assertThrows(IllegalArgumentException.class, () -> HostArray.of(new float[12]).reshape(5, -1));
        assertThrows(IllegalArgumentException.class, () -> HostArray.of(new float[12]).reshape(-1, -1));
    }

    @Test void rowsCopiesTheSelectedRowsInOrder() {
        HostArray a = HostArray.of(new int[]{0, 1, 2, 3, 4, 5}, 3, 2);
        HostArray r = a.rows(new int[]{2, 0});
        assertArrayEquals(new int[]{2, 2}, r.shape());
        assertArrayEquals(new int[]{4, 5, 0, 1}, r.toIntArray());
        assertThrows(IndexOutOfBoundsException.class, () -> a.rows(new int[]{3}));
    }

    @Test void concatRowsAppendsAlongAxisZero() {
        HostArray a = HostArray.of(new float[]{1, 2}, 1, 2), b = HostArray.of(new float[]{3, 4, 5, 6}, 2, 2);
        HostArray c = HostArray.concatRows(List.of(a, b));
        assertArrayEquals(new int[]{3, 2}, c.shape());
        assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6}, c.toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> HostArray.concatRows(List.of(a, HostArray.of(new float[3], 1, 3))));
    }

    @Test void conversionsAndEquality() {
        HostArray a = HostArray.of(new double[]{1.7, -2.2}, 2);
        assertArrayEquals(new int[]{1, -2}, a.toIntArray());
        assertEquals(DType.FLOAT32, a.astype(DType.FLOAT32).dtype());
        assertEquals(a, a.copy());
        assertNotEquals(a, a.astype(DType.FLOAT32));
        assertEquals(3.9, HostArray.of(new float[]{0, 1}).maxAbsDiff(HostArray.of(new float[]{0, -2.9f})), 1e-6);
    }

    @Test void valuesWithoutWrapper() {
        assertEquals("[[1, 2],\n [3, 4]]", TensorFormat.values(HostArray.of(new int[]{1, 2, 3, 4}, 2, 2)));
    }

    @Test void formatsLikePyTorch() {
        assertEquals("array([1, 2, 3], shape=[3], dtype=int32)", HostArray.of(new int[]{1, 2, 3}).toString());
        assertEquals("array(2.5000, shape=[], dtype=float32)", HostArray.scalar(2.5f).toString());
        assertEquals("array([ true, false], shape=[2], dtype=bool)", HostArray.of(new boolean[]{true, false}).toString());
        assertEquals("array([1.0000e-06, 1.0000e+00], shape=[2], dtype=float32)", HostArray.of(new float[]{1e-6f, 1}).toString());
        String big = HostArray.zeros(DType.FLOAT32, 50, 50).toString();
        assertTrue(big.contains("..."));
        assertEquals(7, big.split("\n").length, "3 head rows, the ellipsis row, 3 tail rows:\n" + big);
    }
}
