package io.juxta.frameworks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class BackendsTest {
    @Test void unknownBackendNamesTheAvailableOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Backends.use("jax"));
        assertTrue(e.getMessage().contains("Unknown backend 'jax'"), e.getMessage());
    }

    @Test void devicesParse() {
        assertEquals(Device.CPU, Device.parse("CPU"));
        assertEquals(Device.gpu(1), Device.parse("cuda:1"));
        assertEquals("gpu:0", Device.parse("gpu").toString());
        assertThrows(IllegalArgumentException.class, () -> Device.parse("tpu"));
    }

    @Test void hostGeneratorIsSeeded() {
        Rng.seed(5);
        HostArray a = Rng.normal(0, 1, 1000);
        Rng.seed(5);
        assertEquals(a, Rng.normal(0, 1, 1000));
        double mean = 0, var = 0;
        for (float v : a.toFloatArray()) mean += v / 1000.0;
        for (float v : a.toFloatArray()) var += (v - mean) * (v - mean) / 1000.0;
        assertEquals(0, mean, 0.1);
        assertEquals(1, var, 0.15);
    }
}
