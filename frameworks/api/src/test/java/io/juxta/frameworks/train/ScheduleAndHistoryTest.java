package io.juxta.frameworks.train;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ScheduleAndHistoryTest {
    @Test void stepScheduleDecaysEveryNEpochs() {
        LrSchedule s = LrSchedule.step(2, 0.1);
        assertEquals(1.0, s.learningRate(1.0, 0, 0), 1e-12);
        assertEquals(1.0, s.learningRate(1.0, 0, 1), 1e-12);
        assertEquals(0.1, s.learningRate(1.0, 0, 2), 1e-12);
        assertEquals(0.01, s.learningRate(1.0, 0, 5), 1e-12);
    }

    @Test void cosineGoesFromBaseToMinimum() {
        LrSchedule s = LrSchedule.cosine(100, 0.0);
        assertEquals(1.0, s.learningRate(1.0, 0, 0), 1e-12);
        assertEquals(0.5, s.learningRate(1.0, 50, 0), 1e-12);
        assertEquals(0.0, s.learningRate(1.0, 100, 0), 1e-12);
        assertEquals(0.0, s.learningRate(1.0, 500, 3), 1e-12);
    }

    @Test void optimizerRejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> Optim.sgd(-1));
        assertThrows(IllegalArgumentException.class, () -> Optim.sgd(0.1, 0, true, 0));
        assertEquals(0.05, Optim.adam(0.1).schedule(LrSchedule.step(1, 0.5)).learningRate(0, 1), 1e-12);
    }

    @Test void historyAggregates() {
        History h = new History("test");
        h.recordStep(2.0, 1_000_000);
        h.recordStep(1.0, 3_000_000);
        h.recordStep(0.5, 5_000_000);
        h.recordEpoch(new History.Epoch(0, 1.5, Map.of("accuracy", 0.7), Map.of("loss", 1.6), 0.25));
        assertArrayEquals(new double[]{2.0, 1.0, 0.5}, h.losses());
        assertEquals(4.0, h.medianStepMillis(), 1e-12, "median of the steps after the first");
        assertArrayEquals(new double[]{0.7}, h.metric("accuracy"));
        assertArrayEquals(new double[]{1.6}, h.validation("loss"));
        assertEquals(0.5, h.finalLoss());
        assertTrue(h.epochSeries().containsKey("val_loss"));
        var e = assertThrows(IllegalArgumentException.class, () -> h.metric("f1"));
        assertTrue(e.getMessage().contains("accuracy"), e.getMessage());
        assertTrue(h.toString().contains("epoch 1  loss 1.5000  accuracy 0.7000  val_loss 1.6000"), h.toString());
    }
}
