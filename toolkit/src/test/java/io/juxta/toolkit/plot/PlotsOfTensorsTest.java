package io.juxta.toolkit.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.train.History;
import io.juxta.toolkit.HostTensor;
import java.awt.image.BufferedImage;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class PlotsOfTensorsTest {
    private static History history(String backend, int epochs) {
        History h = new History(backend);
        for (int e = 0; e < epochs; e++) {
            h.recordStep(2.0 - e, 1);
            h.recordStep(1.9 - e, 1);
            h.recordEpoch(new History.Epoch(e, 1.95 - e, Map.of("accuracy", 0.4 + e / 10.0), Map.of("loss", 2.0 - e), 1));
        }
        return h;
    }

    @Test
    void oneDimensionalTensorsPlotAsLinesAndOthersAreRefusedWithAHint() {
        XYChart chart = Plots.line(HostTensor.of(new float[] {3, 1, 2}));
        assertArrayEquals(new double[] {3, 1, 2}, chart.getSeries("y").getYData(), 0);
        assertArrayEquals(new double[] {3, 1, 2}, Plots.line(HostTensor.of(new float[] {3, 1, 2}, 1, 3)).getSeries("y").getYData(), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plots.line(HostTensor.of(new float[4], 2, 2)));
        assertTrue(e.getMessage().contains("reshape(-1)"), e.getMessage());
    }

    @Test
    void confusionTakesScoresAndPicksTheLargestPerRow() {
        HostTensor actual = new HostTensor(HostArray.of(new int[] {0, 1, 1}), "host");
        HostTensor scores = HostTensor.of(new float[] {0.9f, 0.1f, 0.2f, 0.8f, 0.7f, 0.3f}, 3, 2);
        String title = Plots.confusion(actual, scores, new String[] {"cat", "dog"}).getTitle();
        assertEquals("accuracy 66.7%", title);
    }

    @Test
    void imageTensorsOfFlatSquaresBecomeAGrid() {
        BufferedImage grid = Plots.images(HostTensor.of(new float[4 * 784], 4, 784));
        BufferedImage same = Plots.images(HostTensor.of(new float[4 * 784], 4, 1, 28, 28));
        assertEquals(same.getWidth(), grid.getWidth());
        assertEquals(same.getHeight(), grid.getHeight());
        assertThrows(IllegalArgumentException.class, () -> Plots.images(HostTensor.of(new float[10], 2, 5)));
    }

    @Test
    void historiesPlotEpochSeriesOrStepLossesPerRun() {
        XYChart byEpoch = Plots.history(history("torch", 2), history("tf", 2));
        assertEquals("epoch", byEpoch.getXAxisTitle());
        assertArrayEquals(new double[] {1.95, 0.95}, byEpoch.getSeries("tf loss").getYData(), 1e-12);
        assertArrayEquals(new double[] {0.4, 0.5}, byEpoch.getSeries("torch accuracy").getYData(), 1e-12);
        assertArrayEquals(new double[] {2.0, 1.0}, byEpoch.getSeries("torch val_loss").getYData(), 1e-12);
        XYChart bySteps = Plots.history(history("torch", 1));
        assertEquals("step", bySteps.getXAxisTitle());
        assertArrayEquals(new double[] {2.0, 1.9}, bySteps.getSeries("torch").getYData(), 1e-12);
        XYChart twice = Plots.losses(history("torch", 1), history("torch", 1));
        assertEquals(2, twice.getSeries("torch #2").getYData().length);
    }
}
