package io.juxta.toolkit.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.kernel.api.MimeBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FitProgressTest {
    @Test
    void aFitBecomesOneBarUpdatedInPlaceWithItsMetric() {
        List<String> ids = new ArrayList<>();
        List<MimeBundle> bundles = new ArrayList<>();
        ProgressSurface surface = new ProgressSurface() {
            @Override
            public String show(MimeBundle bundle) {
                ids.add("bar");
                bundles.add(bundle);
                return "bar";
            }

            @Override
            public void update(String displayId, MimeBundle bundle) {
                ids.add(displayId);
                bundles.add(bundle);
            }
        };
        FitProgress listener = FitProgress.on(surface, 0, "accuracy");
        listener.onStart(2, 3, 16);
        long step = 0;
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int i = 0; i < 3; i++) {
                listener.onStep(epoch, step++, 1.0, Map.of("accuracy", 0.5));
            }
            listener.onEpoch(new io.juxta.frameworks.train.History.Epoch(epoch, 1.0, Map.of(), Map.of("loss", 0.75 + epoch), 1));
        }
        listener.onEnd(null);
        assertEquals(6, listener.progress().stepsDone());
        assertTrue(ids.size() >= 3 && ids.stream().allMatch("bar"::equals), ids.toString());
        String text = (String) bundles.get(bundles.size() - 1).get("text/plain");
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).startsWith("epoch 1/2  loss 1.0000  accuracy 0.5000"), text);
        assertTrue(lines.get(0).endsWith("  val_loss 0.7500") && lines.get(1).endsWith("  val_loss 1.7500"), text);
        assertTrue(lines.get(1).startsWith("epoch 2/2  loss 1.0000  accuracy 0.5000"), text);
        assertTrue(lines.get(2).startsWith("done: 6 steps in"), text);
    }

    @Test
    void aFitThatEndsEarlySaysStoppedNotDone() {
        List<MimeBundle> bundles = new ArrayList<>();
        ProgressSurface surface = new ProgressSurface() {
            @Override public String show(MimeBundle bundle) { bundles.add(bundle); return "bar"; }
            @Override public void update(String displayId, MimeBundle bundle) { bundles.add(bundle); }
        };
        FitProgress listener = FitProgress.on(surface, 0, null);
        listener.onStart(3, 2, 8);
        listener.onStep(0, 0, 1.0, Map.of());
        listener.onEnd(new io.juxta.frameworks.train.History("torch")); // interrupted in the first epoch
        String text = (String) bundles.get(bundles.size() - 1).get("text/plain");
        assertTrue(text.lines().reduce((a, b) -> b).orElseThrow().startsWith("stopped after 1 step in"), text);
    }
}
