package io.juxta.frameworks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SafetensorsTest {
    @Test void roundTripsEveryDtype(@TempDir Path dir) throws Exception {
        Map<String, HostArray> m = new LinkedHashMap<>();
        m.put("0.weight", HostArray.of(new float[]{1.5f, -2, 3, 4, 5, 6}, 2, 3));
        m.put("d", HostArray.of(new double[]{Math.PI}, 1));
        m.put("i", HostArray.of(new int[]{-7, 8}, 2));
        m.put("l", HostArray.of(new long[]{1L << 50}, 1));
        m.put("mask", HostArray.of(new boolean[]{true, false, true}, 3));
        m.put("scalar", HostArray.scalar(0.25f));
        Path f = dir.resolve("w.safetensors");
        Safetensors.save(f, m);
        assertEquals(m, Safetensors.load(f));
    }

    @Test void layoutFollowsTheSpec(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.safetensors");
        Safetensors.save(f, Map.of("a", HostArray.of(new float[]{1, 2}, 2)));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong();
        assertEquals(0, n % 8);
        String header = new String(b.array(), 8, (int) n, StandardCharsets.UTF_8).strip();
        assertEquals("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", header);
        b.position(8 + (int) n);
        assertEquals(1f, b.getFloat());
        assertEquals(2f, b.getFloat());
    }

    @Test void garbageIsAClearError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.safetensors");
        Files.write(f, new byte[]{1, 2, 3});
        var e = assertThrows(java.io.IOException.class, () -> Safetensors.load(f));
        assertTrue(e.getMessage().contains("not a safetensors file"), e.getMessage());
    }
}
