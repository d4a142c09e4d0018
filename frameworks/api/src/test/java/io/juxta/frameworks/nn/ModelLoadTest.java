package io.juxta.frameworks.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Rng;
import io.juxta.frameworks.Safetensors;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading weights that do not fit: a clear message naming the variable, and the model left as it was. */
class ModelLoadTest {
    @Test
    void aShapeMismatchNamesTheVariableAndLoadsNothing(@TempDir Path dir) throws Exception {
        Rng.seed(1);
        Model saved = Sequential.of(Linear.of(4, 3), ReLU.of(), Linear.of(3, 2));
        Path file = dir.resolve("m.safetensors");
        Map<String, HostArray> arrays = new LinkedHashMap<>();
        saved.namedVariables().forEach((name, v) -> arrays.put(name, v.toHost()));
        Safetensors.save(file, arrays);

        Rng.seed(2);
        Model other = Sequential.of(Linear.of(4, 3), ReLU.of(), Linear.of(3, 5)); // same first layer, another last
        float[] firstBefore = other.namedVariables().get("0.weight").toHost().toFloatArray();
        var e = assertThrows(IllegalArgumentException.class, () -> other.load(file));
        assertTrue(e.getMessage().contains("2.weight is [5, 3] here, [2, 3] in the file"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was loaded"), e.getMessage());
        assertArrayEquals(firstBefore, other.namedVariables().get("0.weight").toHost().toFloatArray(),
                "the layer whose shape fits was not loaded either");
    }
}
