package io.juxta.frameworks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.juxta.frameworks.train.Optimizer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchTest {
    @Test
    void aMissingEntryListsTheEntriesTheUserGaveNotTheLearningRate() {
        Map<String, Tensor> entries = new LinkedHashMap<>();
        entries.put("x", null);
        entries.put("advantage", null);
        entries.put(Optimizer.LEARNING_RATE, null);
        var e = assertThrows(IllegalArgumentException.class, () -> new Batch(entries).get("action"));
        assertEquals("The batch has no entry 'action'; it has [x, advantage]", e.getMessage());
    }
}
