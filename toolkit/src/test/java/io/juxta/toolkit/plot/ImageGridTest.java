package io.juxta.toolkit.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImageGridTest {
    @Test
    void greyImagesAreScaledIntoAGrid() {
        float[][] pixels = new float[3][4]; // three 2×2 images
        pixels[1][0] = 1f; // top-left pixel of the second image is white, the rest black
        BufferedImage grid = Plots.images(pixels);
        int zoom = 32; // 2 px scaled up to at least 64
        int cell = 2 * zoom + ImageGrid.PADDING;
        assertEquals(3 * cell + ImageGrid.PADDING, grid.getWidth());
        assertEquals(cell + ImageGrid.PADDING, grid.getHeight());
        int secondLeft = ImageGrid.PADDING + cell;
        assertEquals(0xffffff, grid.getRGB(secondLeft + 1, ImageGrid.PADDING + 1) & 0xffffff);
        assertEquals(0x000000, grid.getRGB(secondLeft + zoom + 1, ImageGrid.PADDING + 1) & 0xffffff);
        assertEquals(0x000000, grid.getRGB(ImageGrid.PADDING + 1, ImageGrid.PADDING + 1) & 0xffffff);
    }

    @Test
    void captionsAddARowOfText() {
        float[][] pixels = new float[2][784];
        BufferedImage plain = Plots.images(pixels);
        BufferedImage captioned = Plots.images(pixels, new String[] {"Bag", "Coat"});
        assertEquals(plain.getHeight() + ImageGrid.CAPTION_HEIGHT, captioned.getHeight());
        boolean ink = false;
        int captionTop = ImageGrid.PADDING + 28 * 3;
        for (int y = captionTop; y < captionTop + ImageGrid.CAPTION_HEIGHT && !ink; y++) {
            for (int x = 0; x < captioned.getWidth() && !ink; x++) {
                ink = (captioned.getRGB(x, y) & 0xffffff) != 0xffffff;
            }
        }
        assertTrue(ink, "no caption was drawn");
    }

    @Test
    void nchwColourImages() {
        // one 1×2 RGB image: a red pixel and a blue pixel, values in [0, 255]
        float[] data = {255, 0, /* green */ 0, 0, /* blue */ 0, 255};
        BufferedImage grid = Plots.images(data, new int[] {1, 3, 1, 2}, null);
        int zoom = 32;
        assertEquals(0xff0000, grid.getRGB(ImageGrid.PADDING, ImageGrid.PADDING) & 0xffffff);
        assertEquals(0x0000ff, grid.getRGB(ImageGrid.PADDING + zoom, ImageGrid.PADDING) & 0xffffff);
    }

    @Test
    void largeGridsWrapIntoRows() {
        BufferedImage grid = Plots.images(new float[25][784]);
        int cell = 28 * 3 + ImageGrid.PADDING;
        assertEquals(5 * cell + ImageGrid.PADDING, grid.getWidth());
        assertEquals(5 * cell + ImageGrid.PADDING, grid.getHeight());
    }

    @Test
    void captionsFromClassIndices() {
        assertArrayEquals(new String[] {"b", "a", "7"}, Plots.captions(new int[] {1, 0, 7}, new String[] {"a", "b"}));
    }

    @Test
    void valueScaleDetectsTheRange() {
        assertEquals(255, ImageGrid.ValueScale.of(new float[] {0f, 1f}).toByte(1f));
        assertEquals(128, ImageGrid.ValueScale.of(new float[] {0f, 200f}).toByte(128f));
        ImageGrid.ValueScale standardized = ImageGrid.ValueScale.of(new float[] {-1f, 1f});
        assertEquals(0, standardized.toByte(-1f));
        assertEquals(255, standardized.toByte(1f));
    }

    @Test
    void wrongShapesSayHowToFixThem() {
        IllegalArgumentException notSquare = assertThrows(IllegalArgumentException.class, () -> Plots.images(new float[2][10]));
        assertTrue(notSquare.getMessage().contains("images(float[] data, new int[]{N, C, H, W}, labels)"), notSquare.getMessage());
        IllegalArgumentException nhwc = assertThrows(IllegalArgumentException.class,
                () -> Plots.images(new float[2 * 4 * 4 * 3], new int[] {2, 4, 4, 3}, null));
        assertTrue(nhwc.getMessage().contains("NHWC"), nhwc.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> Plots.images(new float[10], new int[] {1, 1, 4, 4}, null));
        assertEquals("the shape [1, 1, 4, 4] needs 16 values, the array has 10", size.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Plots.images(new float[2][4], new String[] {"one"}));
    }
}
