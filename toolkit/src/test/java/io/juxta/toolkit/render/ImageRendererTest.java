package io.juxta.toolkit.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.juxta.kernel.api.MimeBundle;
import java.awt.image.BufferedImage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageRendererTest {
    @Test
    void pngRoundTripsPixels() throws Exception {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xff0000);
        image.setRGB(2, 1, 0x00ff00);
        MimeBundle bundle = new ImageRenderer().render(image);
        BufferedImage back = ChartRendererTest.decodePng(bundle);
        assertEquals(3, back.getWidth());
        assertEquals(2, back.getHeight());
        assertEquals(0xff0000, back.getRGB(0, 0) & 0xffffff);
        assertEquals(0x00ff00, back.getRGB(2, 1) & 0xffffff);
        assertEquals(Map.of("width", 3, "height", 2), bundle.metadata().get("image/png"));
    }
}
