package io.juxta.toolkit.progress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.Locale;
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
        double secondEpochMean = 0;
        for (int i = 500; i < 1000; i++) {
            secondEpochMean += 1.0 / (i + 1) / 500;
        }
        List<String> epochLines = progress.epochLines();
        assertEquals(2, epochLines.size());
        assertEquals(String.format(Locale.ROOT, "epoch 2/2  loss %.4f  1,000 steps/s  500 ms", secondEpochMean),
                epochLines.get(1));
        assertEquals(List.of(epochLines.get(0), epochLines.get(1), "done: 1000 steps in 1 s  1,000 steps/s"),
                List.of(surface.lastText().split("\n")));
    }

    @Test
    void lastStepOfEachEpochAlwaysShowsAndStaysAboveTheBar() {
        RecordingSurface surface = new RecordingSurface();
        FakeClock clock = new FakeClock(); // never advances: every update but the first is rate-limited
        Progress progress = Progress.builder().epochs(3).stepsPerEpoch(4).surface(surface).clock(clock).build();
        for (int i = 0; i < 12; i++) {
            progress.step(i < 4 ? i + 1 : 0.5); // epoch 1: losses 1, 2, 3, 4
        }
        List<String> texts = surface.bundles.stream().map(b -> (String) b.get("text/plain")).toList();
        assertEquals(4, texts.size(), texts.toString());
        assertEquals("epoch 1/3  step 1/4  loss 1.0000", texts.get(0));
        assertEquals("epoch 1/3  loss 2.5000  0 ns", texts.get(1));
        assertEquals("epoch 1/3  loss 2.5000  0 ns\nepoch 2/3  loss 0.5000  0 ns\nepoch 3/3  loss 0.5000  0 ns", texts.get(3));
    }

    @Test
    void anEpochsMeanWeighsEachStepByItsRows() {
        Progress progress = Progress.builder().epochs(1).stepsPerEpoch(2).metric("accuracy").surface(new RecordingSurface())
                .clock(new FakeClock()).build();
        progress.update(0, 0, 1.0, 0.5, 32);
        progress.update(0, 1, 2.0, 1.0, 8); // a smaller last batch: the plain mean would be 1.5
        assertEquals("epoch 1/1  loss 1.2000  accuracy 0.6000  0 ns", progress.epochLines().get(0));
        assertThrows(IllegalArgumentException.class, () -> progress.update(0, 0, 1.0, 1.0, 0));
    }

    @Test
    void manyEpochsListOnlyTheLatest() {
        RecordingSurface surface = new RecordingSurface();
        Progress progress = Progress.builder().epochs(25).stepsPerEpoch(1).surface(surface).clock(new FakeClock()).build();
        for (int i = 0; i < 25; i++) {
            progress.step(1.0);
        }
        progress.close();
        String[] lines = surface.lastText().split("\n");
        assertEquals("(5 earlier epochs)", lines[0]);
        assertEquals(1 + Progress.EPOCH_LINES_SHOWN + 1, lines.length);
        assertTrue(lines[1].startsWith("epoch 6/25"), lines[1]);
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
    void metricWithoutAValueIsLeftOut() {
        Progress progress = Progress.builder().metric("accuracy").surface(new RecordingSurface()).clock(new FakeClock()).build();
        progress.step(1.0);
        assertFalse(progress.text().contains("accuracy"), progress.text());
        progress.step(1.0, 0.75);
        assertTrue(progress.text().contains("accuracy 0.7500"), progress.text());
    }

    @Test
    void lossChartIsASecondOutputRedrawnEveryNSteps() {
        RecordingSurface surface = new RecordingSurface();
        FakeClock clock = new FakeClock();
        Progress progress = Progress.builder().epochs(1).stepsPerEpoch(100).lossChartEvery(25).surface(surface)
                .clock(clock).build();
        for (int i = 0; i < 100; i++) {
            clock.now += 50_000_000; // 25 steps take 1.25 s, so the once-a-second limit lets each chart through
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
    void lossChartWaitsAtLeastASecondBetweenDrawings() {
        RecordingSurface surface = new RecordingSurface();
        FakeClock clock = new FakeClock();
        Progress progress = Progress.builder().stepsPerEpoch(1000).lossChartEvery(1).surface(surface).clock(clock).build();
        for (int i = 0; i < 1000; i++) {
            clock.now += 10_000_000; // 10 s in all
            progress.step(1.0);
        }
        long charts = surface.bundles.stream().filter(b -> b.has("image/png")).count();
        assertTrue(charts >= 9 && charts <= 11, charts + " charts drawn in 10 s");
    }

    @Test
    void longLossHistoriesAreDrawnAsBucketMeans() {
        double[] x = {0, 1, 2, 3, 4, 5, 6};
        double[] y = {1, 3, 5, 7, 9, 11, 13};
        double[][] means = Progress.bucketMeans(x, y, 6, 3);
        assertArrayEquals(new double[] {0.5, 2.5, 4.5}, means[0], 1e-12);
        assertArrayEquals(new double[] {2, 6, 10}, means[1], 1e-12);
        assertArrayEquals(new double[] {0, 1}, Progress.bucketMeans(x, y, 2, 3)[0], 0);
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
        assertEquals("epoch 1/2  loss 0.1000  100 steps/s  30 ms", lines[0]);
        assertEquals("done: 6 steps in 60 ms  100 steps/s", lines[2]);
    }

    /** A loop in try-with-resources that an interrupt or an exception left closes its bar: not "done". */
    @Test
    void aBarClosedBeforeItsPlannedStepsSaysItStopped() {
        RecordingSurface surface = new RecordingSurface();
        FakeClock clock = new FakeClock();
        try (Progress progress = Progress.builder().epochs(3).stepsPerEpoch(100).surface(surface).clock(clock).build()) {
            for (int i = 0; i < 96; i++) {
                clock.now += 10_000_000;
                progress.step(0.5);
            }
        }
        String last = surface.lastText().lines().reduce((a, b) -> b).orElseThrow();
        assertEquals("stopped after 96 steps in 960 ms  100 steps/s", last);
        Progress unplanned = Progress.builder().surface(new RecordingSurface()).clock(clock).build();
        unplanned.step(0.5);
        unplanned.close();
        assertTrue(unplanned.text().startsWith("done: 1 step in"), "without a plan, any number of steps is done: " + unplanned.text());
    }

    @Test
    void anInterruptedCellsBarsLeftOpenAreStoppedAndOtherBarsAreLeftAlone() {
        FakeClock clock = new FakeClock();
        Progress.cellStarted();
        Progress earlier = Progress.builder().epochs(1).stepsPerEpoch(10).surface(new RecordingSurface()).clock(clock).build();
        Progress.cellStarted();
        Progress open = Progress.builder().epochs(1).stepsPerEpoch(10).surface(new RecordingSurface()).clock(clock).build();
        Progress done = Progress.builder().epochs(1).stepsPerEpoch(1).surface(new RecordingSurface()).clock(clock).build();
        clock.now += 10_000_000;
        earlier.step(0.5);
        open.step(0.5);
        done.step(0.5);
        done.close();
        String doneText = done.text();
        Progress.stopBarsOfTheCell();
        assertTrue(open.text().lines().reduce((a, b) -> b).orElseThrow().startsWith("stopped after 1 step"), open.text());
        assertEquals(doneText, done.text());
        earlier.step(0.4); // a bar of an earlier cell goes on
        assertEquals(2, earlier.stepsDone());
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
