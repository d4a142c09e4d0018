package io.juxta.toolkit.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.kernel.api.MimeBundle;
import io.juxta.toolkit.timing.TimeSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
    /** Records what a notebook would be sent. */
    private static final class RecordingSurface implements ProgressSurface {
        final List<String> ids = new ArrayList<>();
        final List<MimeBundle> bundles = new ArrayList<>();

        @Override
        public String show(MimeBundle bundle) {
            String id = "display-" + ids.size();
            ids.add(id);
            bundles.add(bundle);
            return id;
        }

        @Override
        public void update(String displayId, MimeBundle bundle) {
            ids.add(displayId);
            bundles.add(bundle);
        }

        String lastText() {
            for (int i = bundles.size() - 1; i >= 0; i--) {
                if (!bundles.get(i).has("image/png")) {
                    return (String) bundles.get(i).get("text/plain");
                }
            }
            return null;
        }
    }

    private static final class FakeClock implements TimeSource {
        long now = 1_000_000_000L;

        @Override
        public long nanoTime() {
            return now;
        }
    }

    @Test
    void updatesInPlaceAtMostTenTimesASecond() {
        RecordingSurface surface = new RecordingSurface();
        FakeClock clock = new FakeClock();
        Progress progress = Progress.builder().epochs(2).stepsPerEpoch(500).surface(surface).clock(clock).build();
        for (int i = 0; i < 1000; i++) {
            clock.now += 1_000_000; // 1 ms per step: 1 s in all
            progress.step(1.0 / (i + 1));
        }
        progress.close();
        assertTrue(surface.bundles.size() <= 10 + 2 + 1 + 1, "sent " + surface.bundles.size() + " updates for 1 s of training");
        assertTrue(surface.bundles.size() >= 10, "sent only " + surface.bundles.size() + " updates");
        assertTrue(surface.ids.stream().allMatch("display-0"::equals), "the bar must be one output, updated in place");
        assertTrue(surface.lastText().startsWith("epoch 2/2  step 500/500  loss 0.0010"), surface.lastText());
        assertTrue(surface.lastText().contains("done in 1 s"), surface.lastText());
    }

    @Test
    void lastStepOfEachEpochAlwaysShows() {
        RecordingSurface surface = new RecordingSurface();
        FakeClock clock = new FakeClock(); // never advances: every update but the first is rate-limited
        Progress progress = Progress.builder().epochs(3).stepsPerEpoch(4).surface(surface).clock(clock).build();
        for (int i = 0; i < 12; i++) {
            progress.step(0.5);
        }
        List<String> texts = surface.bundles.stream().map(b -> (String) b.get("text/plain")).toList();
        assertEquals(4, texts.size(), texts.toString());
        assertTrue(texts.get(1).startsWith("epoch 1/3  step 4/4"), texts.get(1));
        assertTrue(texts.get(3).startsWith("epoch 3/3  step 4/4"), texts.get(3));
    }

    @Test
    void textShowsLossMetricRateAndTimeLeft() {
        FakeClock clock = new FakeClock();
        Progress progress = Progress.builder().epochs(2).stepsPerEpoch(100).batchSize(64).metric("accuracy")
                .surface(new RecordingSurface()).clock(clock).build();
        for (int i = 0; i < 50; i++) {
            clock.now += 1_000_000;
            progress.step(0.5, 0.9);
        }
        assertEquals("epoch 1/2  step 50/100  loss 0.5000  accuracy 0.9000  64,000 samples/s  150 ms left", progress.text());
    }

    @Test
    void htmlBarCarriesPositionAndEscapedText() {
        RecordingSurface surface = new RecordingSurface();
        Progress progress = Progress.builder().epochs(1).stepsPerEpoch(10).metric("<f1>").surface(surface)
                .clock(new FakeClock()).build();
        progress.update(0, 2, 0.25, 0.5);
        String html = (String) surface.bundles.get(0).get("text/html");
        assertTrue(html.contains("<progress value=\"3\" max=\"10\""), html);
        assertTrue(html.contains("&lt;f1&gt; 0.5000"), html);
        assertFalse(html.contains("<f1>"));
    }

    @Test
    void unknownLengthShowsAnOpenBarAndNoTimeLeft() {
        RecordingSurface surface = new RecordingSurface();
        FakeClock clock = new FakeClock();
        Progress progress = Progress.builder().surface(surface).clock(clock).build();
        clock.now += 1_000_000_000L;
        progress.step(2.0);
        assertTrue(((String) surface.bundles.get(0).get("text/html")).contains("<progress style"));
        assertEquals("epoch 1/1  step 1  loss 2.0000  1 steps/s", progress.text());
    }

    @Test
    void lossChartIsASecondOutputRedrawnEveryNSteps() {
        RecordingSurface surface = new RecordingSurface();
        FakeClock clock = new FakeClock();
        Progress progress = Progress.builder().epochs(1).stepsPerEpoch(100).lossChartEvery(25).surface(surface)
                .clock(clock).build();
        for (int i = 0; i < 100; i++) {
            progress.step(1.0 - i / 100.0);
        }
        List<String> chartIds = new ArrayList<>();
        for (int i = 0; i < surface.bundles.size(); i++) {
            if (surface.bundles.get(i).has("image/png")) {
                chartIds.add(surface.ids.get(i));
            }
        }
        assertEquals(4, chartIds.size());
        assertTrue(chartIds.stream().allMatch(chartIds.get(0)::equals));
        assertNotEquals("display-0", chartIds.get(0));
    }

    @Test
    void printingSurfaceWritesOneLinePerEpochAndTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FakeClock clock = new FakeClock();
        try (Progress progress = Progress.builder().epochs(2).stepsPerEpoch(3).lossChartEvery(1)
                .surface(ProgressSurface.printing(new PrintStream(bytes, true, StandardCharsets.UTF_8))).clock(clock).build()) {
            for (int i = 0; i < 6; i++) {
                clock.now += 10_000_000;
                progress.step(0.1);
            }
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length, String.join("\n", lines));
        assertTrue(lines[0].startsWith("epoch 1/2  step 3/3"));
        assertTrue(lines[2].contains("done in 60 ms"), lines[2]);
    }

    @Test
    void closedBarRefusesStepsAndBadOptionsAreExplained() {
        Progress progress = Progress.builder().surface(new RecordingSurface()).build();
        progress.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> progress.step(1));
        assertTrue(closed.getMessage().contains("closed"));
        assertThrows(IllegalArgumentException.class, () -> Progress.builder().epochs(0));
        assertThrows(IllegalArgumentException.class, () -> Progress.builder().stepsPerEpoch(-1));
    }
}
