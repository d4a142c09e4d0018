package io.juxta.toolkit.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Draws many small images (with optional captions) into one grid image. */
final class ImageGrid {
    /** Each image is scaled up by a whole factor until it is at least this many pixels across. */
    static final int MIN_CELL_PIXELS = 64;
    static final int MAX_GRID_WIDTH = 1280;
    static final int PADDING = 4;
    static final int CAPTION_HEIGHT = 16;

    private ImageGrid() {}

    static BufferedImage ofRows(float[][] pixels, String[] labels) {
        if (pixels.length == 0) {
            throw new IllegalArgumentException("images(...) got no images");
        }
        int length = pixels[0].length;
        int side = (int) Math.round(Math.sqrt(length));
        if (side * side != length || length == 0) {
            throw new IllegalArgumentException("images(float[][]) takes square grey images, one flattened image per row; a row of "
                    + length + " values is not square. For other shapes call images(float[] data, new int[]{N, C, H, W}, labels)");
        }
        float[] flat = new float[pixels.length * length];
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i].length != length) {
                throw new IllegalArgumentException("every image must have " + length + " values; image " + i + " has " + pixels[i].length);
            }
            System.arraycopy(pixels[i], 0, flat, i * length, length);
        }
        return ofNchw(flat, new int[] {pixels.length, 1, side, side}, labels);
    }

    static BufferedImage ofNchw(float[] data, int[] shape, String[] labels) {
        int[] nchw = normalizeShape(shape);
        int n = nchw[0];
        int channels = nchw[1];
        int height = nchw[2];
        int width = nchw[3];
        long expected = (long) n * channels * height * width;
        if (data.length != expected) {
            throw new IllegalArgumentException("the shape " + java.util.Arrays.toString(shape) + " needs " + expected
                    + " values, the array has " + data.length);
        }
        if (labels != null && labels.length != n) {
            throw new IllegalArgumentException("images(...) needs one label per image: got " + n + " images and " + labels.length + " labels");
        }
        ValueScale scale = ValueScale.of(data);
        int columns = n <= 10 ? n : Math.min(16, (int) Math.ceil(Math.sqrt(n)));
        int rows = (n + columns - 1) / columns;
        int zoom = Math.max(1, (MIN_CELL_PIXELS + Math.max(height, width) - 1) / Math.max(height, width));
        while (zoom > 1 && columns * (width * zoom + PADDING) + PADDING > MAX_GRID_WIDTH) {
            zoom--;
        }
        int captionHeight = labels == null ? 0 : CAPTION_HEIGHT;
        int cellWidth = width * zoom + PADDING;
        int cellHeight = height * zoom + captionHeight + PADDING;
        BufferedImage grid = new BufferedImage(columns * cellWidth + PADDING, rows * cellHeight + PADDING, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            FontMetrics metrics = g.getFontMetrics();
            int plane = height * width;
            for (int i = 0; i < n; i++) {
                int left = PADDING + (i % columns) * cellWidth;
                int top = PADDING + (i / columns) * cellHeight;
                int base = i * channels * plane;
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int offset = base + y * width + x;
                        int red = scale.toByte(data[offset]);
                        int rgb = channels == 1
                                ? red << 16 | red << 8 | red
                                : red << 16 | scale.toByte(data[offset + plane]) << 8 | scale.toByte(data[offset + 2 * plane]);
                        g.setColor(new Color(rgb));
                        g.fillRect(left + x * zoom, top + y * zoom, zoom, zoom);
                    }
                }
                if (labels != null) {
                    String caption = fit(labels[i] == null ? "" : labels[i], metrics, width * zoom);
                    g.setColor(Color.DARK_GRAY);
                    int textX = left + (width * zoom - metrics.stringWidth(caption)) / 2;
                    g.drawString(caption, textX, top + height * zoom + metrics.getAscent() + 1);
                }
            }
        } finally {
            g.dispose();
        }
        return grid;
    }

    /** {N, C, H, W} from {N, C, H, W} or {N, H, W}; C must be 1 or 3. */
    private static int[] normalizeShape(int[] shape) {
        int[] nchw = shape.length == 3 ? new int[] {shape[0], 1, shape[1], shape[2]} : shape;
        if (nchw.length != 4) {
            throw new IllegalArgumentException("the shape must be {N, C, H, W} or {N, H, W}; got " + java.util.Arrays.toString(shape));
        }
        for (int dim : nchw) {
            if (dim < 1) {
                throw new IllegalArgumentException("every dimension of the shape must be at least 1; got " + java.util.Arrays.toString(shape));
            }
        }
        if (nchw[1] != 1 && nchw[1] != 3) {
            throw new IllegalArgumentException("images have 1 (grey) or 3 (RGB) channels; the shape " + java.util.Arrays.toString(shape)
                    + " has " + nchw[1] + ". Is it NHWC? Pass channels second: {N, C, H, W}");
        }
        return nchw;
    }

    private static String fit(String caption, FontMetrics metrics, int width) {
        if (metrics.stringWidth(caption) <= width) {
            return caption;
        }
        String cut = caption;
        while (cut.length() > 1 && metrics.stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }

    /** Maps pixel values to 0..255: [0,1] as is, [0,255] divided by 255, anything else stretched min to max. */
    record ValueScale(double offset, double factor) {
        static ValueScale of(float[] data) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (float value : data) {
                if (Float.isFinite(value)) {
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
            if (min > max || (min >= 0 && max <= 1)) {
                return new ValueScale(0, 255);
            }
            if (min >= 0 && max <= 255) {
                return new ValueScale(0, 1);
            }
            return new ValueScale(min, 255 / (max - min));
        }

        int toByte(float value) {
            if (!Float.isFinite(value)) {
                return 0;
            }
            long scaled = Math.round((value - offset) * factor);
            return (int) Math.max(0, Math.min(255, scaled));
        }
    }
}
