package io.juxta.toolkit.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.kernel.api.MimeBundle;
import io.juxta.toolkit.render.ChartRenderer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

class PlotsTest {
    @SuppressWarnings("rawtypes")
    private static BufferedImage png(Chart chart) throws Exception {
        MimeBundle bundle = ChartRenderer.pngBundle(chart);
        byte[] bytes = Base64.getDecoder().decode((String) bundle.get("image/png"));
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @SuppressWarnings("rawtypes")
    private static void assertRendersAtDefaultSize(Chart chart) throws Exception {
        BufferedImage image = png(chart);
        assertEquals(Plots.DEFAULT_WIDTH, image.getWidth());
        assertEquals(Plots.DEFAULT_HEIGHT, image.getHeight());
    }

    @Test
    void lineFromEachArrayType() throws Exception {
        XYChart fromDoubles = Plots.line(new double[] {3, 1, 2});
        assertArrayEquals(new double[] {0, 1, 2}, fromDoubles.getSeries("y").getXData(), 0);
        assertArrayEquals(new double[] {3, 1, 2}, fromDoubles.getSeries("y").getYData(), 0);
        assertArrayEquals(new double[] {1.5, 2.5}, Plots.line(new float[] {1.5f, 2.5f}).getSeries("y").getYData(), 0);
        assertArrayEquals(new double[] {7, 8}, Plots.line(List.of(7, 8L)).getSeries("y").getYData(), 0);
        assertRendersAtDefaultSize(fromDoubles);
    }

    @Test
    void linesKeepsSeriesOrderAndShowsALegend() throws Exception {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("train", new double[] {2, 1, 0.5});
        series.put("validation", new double[] {2.2, 1.4, 0.9});
        XYChart chart = Plots.lines(series);
        assertEquals(List.of("train", "validation"), chart.getSeriesCollection().stream().map(s -> s.getName()).toList());
        assertTrue(chart.getStyler().isLegendVisible());
        assertRendersAtDefaultSize(chart);
    }

    @Test
    void aLongLineKeepsItsPeaksInAFewThousandPointsAndInfinityIsAGap() throws Exception {
        double[] y = new double[1_000_000];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(i / 1000.0);
        }
        y[123_457] = 50;    // one spike
        y[700_001] = -50;   // one dip
        y[900_000] = Double.POSITIVE_INFINITY;
        XYChart chart = Plots.line(y);
        double[] drawn = chart.getSeries("y").getYData();
        assertTrue(drawn.length <= Plots.MAX_LINE_POINTS, "points drawn: " + drawn.length);
        assertEquals(50, java.util.Arrays.stream(drawn).filter(v -> !Double.isNaN(v)).max().orElseThrow(), 0);
        assertEquals(-50, java.util.Arrays.stream(drawn).filter(v -> !Double.isNaN(v)).min().orElseThrow(), 0);
        double[] x = chart.getSeries("y").getXData();
        for (int i = 1; i < x.length; i++) {
            assertTrue(x[i] > x[i - 1], "x stays in order");
        }
        assertEquals(0, x[0], 0);
        assertEquals(y.length - 1, x[x.length - 1], 0, "the first and last points stay");
        int at = java.util.Arrays.binarySearch(x, 900_000);
        assertTrue(at >= 0 && Double.isNaN(drawn[at]), "the infinity at 900,000 stays a gap in the drawn line");
        assertRendersAtDefaultSize(chart);
        double[] withInfinity = Plots.line(new double[] {1, Double.POSITIVE_INFINITY, 3}).getSeries("y").getYData();
        assertTrue(Double.isNaN(withInfinity[1]), "infinity is a gap, not a chart that fails to draw");
        assertRendersAtDefaultSize(Plots.line(new double[] {1, Double.POSITIVE_INFINITY, 3}));
        assertRendersAtDefaultSize(Plots.scatter(new double[] {1, 2}, new double[] {1, Double.NEGATIVE_INFINITY}));
    }

    @Test
    void aHeatmapLeavesCellsThatAreNotNumbersBlank() {
        HeatMapChart chart = Plots.heatmap(new double[][] {{Double.NaN, 2}, {3, 4}});
        assertEquals(2, chart.getStyler().getMin(), 0);
        assertEquals(4, chart.getStyler().getMax(), 0);
        var none = assertThrows(IllegalArgumentException.class, () -> Plots.heatmap(new double[][] {{Double.NaN}}));
        assertEquals("heatmap: every cell is NaN or infinite; there is nothing to colour", none.getMessage());
    }

    @Test
    void scatterBarHistAndHeatmapRender() throws Exception {
        assertRendersAtDefaultSize(Plots.scatter(new double[] {1, 2, 3}, new double[] {3, 1, 2}));
        assertRendersAtDefaultSize(Plots.bar(new String[] {"torch", "tf"}, new double[] {12.3, 15.1}));
        assertRendersAtDefaultSize(Plots.hist(new double[] {1, 2, 2, 3, 3, 3}, 3));
        assertRendersAtDefaultSize(Plots.heatmap(new float[][] {{1, 2}, {3, 4}}));
    }

    @Test
    void histCountsEveryFiniteValue() {
        CategoryChart chart = Plots.hist(new double[] {0, 0.1, 0.5, 0.9, 1.0, Double.NaN}, 2);
        assertArrayEquals(new double[] {2, 3}, chart.getSeries("count").getYData(), 0);
    }

    @Test
    void confusionCountsPairsAndReportsAccuracy() throws Exception {
        HeatMapChart chart = Plots.confusion(new int[] {0, 0, 1, 1, 2}, new int[] {0, 1, 1, 1, 0}, new String[] {"a", "b", "c"});
        assertEquals("accuracy 60.0%", chart.getTitle());
        List<? extends Number[]> cells = chart.getHeatMapSeries().getHeatData();
        double total = 0;
        for (Number[] cell : cells) {
            total += cell[2].doubleValue();
        }
        assertEquals(5, total, 0);
        assertRendersAtDefaultSize(chart);
    }

    @Test
    void confusionRejectsLabelsOutsideTheClasses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.confusion(new int[] {0, 3}, new int[] {0, 1}, new String[] {"a", "b"}));
        assertEquals("actual[1] = 3 is not a class: there are 2 class names, so labels must be 0 to 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Plots.confusion(new int[] {0}, new int[] {0, 1}, new String[] {"a", "b"}));
    }

    @Test
    void svgOfOneChart() throws Exception {
        MimeBundle svg = Plots.svg(Plots.line(new double[] {1, 2}));
        assertTrue(((String) svg.get("image/svg+xml")).contains("<svg"));
    }

    @Test
    void badInputSaysWhatIsWrong() {
        IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
                () -> Plots.line(new double[] {1, 2}, new double[] {1}));
        assertEquals("x and y must have the same length: got 2 and 1", lengths.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> Plots.line(new double[0]));
        assertTrue(empty.getMessage().contains("empty"));
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> Plots.heatmap(new double[][] {{1, 2}, {3}}));
        assertTrue(ragged.getMessage().contains("rectangular"), ragged.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Plots.bar(new String[] {"a"}, new double[] {1, 2}));
        IllegalArgumentException unnamed = assertThrows(IllegalArgumentException.class,
                () -> Plots.bar(new String[] {null, "b"}, new double[] {1, 2}));
        assertEquals("bar(categories, values): category 0 is null; give every bar a name", unnamed.getMessage());
        IllegalArgumentException row = assertThrows(IllegalArgumentException.class,
                () -> Plots.heatmap(new double[][] {{1, 2}, {3, 4}}, new String[] {"r", null}, new String[] {"c1", "c2"}));
        assertEquals("heatmap: row name 1 is null; give every row a name", row.getMessage());
        IllegalArgumentException cls = assertThrows(IllegalArgumentException.class,
                () -> Plots.confusion(new int[] {0, 1}, new int[] {0, 1}, new String[] {"a", null}));
        assertEquals("confusion: class name 1 is null; give every class a name", cls.getMessage());
        Map<String, double[]> holes = new LinkedHashMap<>();
        holes.put("train", null);
        IllegalArgumentException noValues = assertThrows(IllegalArgumentException.class, () -> Plots.lines(holes));
        assertEquals("lines(...): series \"train\" is null: there is nothing to plot", noValues.getMessage());
        Map<String, double[]> oneEmpty = new LinkedHashMap<>();
        oneEmpty.put("train", new double[] {1, 2});
        oneEmpty.put("test", new double[0]);
        assertEquals("lines(...): series \"test\" is empty: there is nothing to plot",
                assertThrows(IllegalArgumentException.class, () -> Plots.lines(oneEmpty)).getMessage());
        Map<String, double[]> nameless = new LinkedHashMap<>();
        nameless.put(null, new double[] {1, 2});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Plots.lines(nameless)).getMessage()
                .contains("a null name; give every series a name"));
    }
}
