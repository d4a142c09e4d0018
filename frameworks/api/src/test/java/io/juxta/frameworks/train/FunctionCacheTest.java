package io.juxta.frameworks.train;

import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.HostBatch;
import io.juxta.frameworks.spi.CompiledFunction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The model's cache of compiled functions is bounded and closes what it evicts (a staged backend frees its graph). */
class FunctionCacheTest {
    /** A compiled function that records whether it was closed. */
    private static final class Recording implements CompiledFunction {
        boolean closed;

        @Override public Map<String, HostArray> run(HostBatch batch) { return Map.of(); }

        @Override public void close() { closed = true; }
    }

    @Test void evictsTheLeastRecentlyUsedAndClosesIt() {
        TrainingLoop.FunctionCache cache = new TrainingLoop.FunctionCache();
        List<Recording> made = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Recording r = new Recording();
            made.add(r);
            assertSame(r, cache.get(List.of("f", i), () -> r));
        }
        assertSame(made.get(0), cache.get(List.of("f", 0), Recording::new), "a cached entry is reused (and becomes the most recent)");
        cache.get(List.of("f", 8), Recording::new);     // a ninth: evicts the least recently used, entry 1
        List<Boolean> closed = made.stream().map(r -> r.closed).toList();
        assertEquals(List.of(false, true, false, false, false, false, false, false), closed);
    }
}
