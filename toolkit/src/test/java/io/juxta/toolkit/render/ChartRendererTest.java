package io.juxta.toolkit.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.kernel.api.MimeBundle;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class ChartRendererTest {
    @AfterEach
    void backToPng() {
        ChartRenderer.setFormat(ChartFormat.PNG);
    }

    private static XYChart chart(int width, int height) {
        XYChart chart = new XYChart(width, height);
        chart.setTitle("loss");
        chart.addSeries("train", new double[] {0, 1, 2, 3}, new double[] {2.3, 1.1, 0.7, 0.5});
        return chart;
    }

    static BufferedImage decodePng(MimeBundle bundle) throws Exception {
        byte[] png = Base64.getDecoder().decode((String) bundle.get("image/png"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "image/png does not decode as PNG");
        return image;
    }

    @Test
    void runsHeadless() {
        assertTrue(GraphicsEnvironment.isHeadless(), "tests must prove that charts render without a display");
    }

    @Test
    void pngDecodesToTheChartsSizeAndSaysSoInMetadata() throws Exception {
        MimeBundle bundle = new ChartRenderer().render(chart(640, 400));
        BufferedImage image = decodePng(bundle);
        assertEquals(640, image.getWidth());
        assertEquals(400, image.getHeight());
        assertEquals(Map.of("width", 640, "height", 400), bundle.metadata().get("image/png"));
        assertEquals("<XYChart \"loss\" 640×400>", bundle.get("text/plain"));
    }

    @Test
    void pngHasMoreThanOneColour() throws Exception {
        BufferedImage image = decodePng(new ChartRenderer().render(chart(300, 200)));
        int first = image.getRGB(0, 0);
        boolean drawn = false;
        for (int y = 0; y < image.getHeight() && !drawn; y++) {
            for (int x = 0; x < image.getWidth() && !drawn; x++) {
                drawn = image.getRGB(x, y) != first;
            }
        }
        assertTrue(drawn, "the chart image is blank");
    }

    @Test
    void svgOnRequest() throws Exception {
        ChartRenderer.setFormat(ChartFormat.SVG);
        MimeBundle bundle = new ChartRenderer().render(chart(500, 300));
        String svg = (String) bundle.get("image/svg+xml");
        assertTrue(svg.contains("<svg"), svg.substring(0, Math.min(200, svg.length())));
        assertTrue(svg.contains("500") && svg.contains("300"));
        assertEquals(Map.of("width", 500, "height", 300), bundle.metadata().get("image/svg+xml"));
        assertTrue(!bundle.has("image/png"));
    }

    @Test
    void oneChartAsSvgWhileTheSessionStaysPng() throws Exception {
        XYChart chart = chart(400, 300);
        assertTrue(ChartRenderer.svg(chart).has("image/svg+xml"));
        assertTrue(new ChartRenderer().render(chart).has("image/png"));
    }
}
