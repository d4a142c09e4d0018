package io.juxta.toolkit.render;

import io.juxta.kernel.api.MimeBundle;
import io.juxta.kernel.api.Renderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Shows an XChart chart inline at the chart's own size: {@code image/png} by default, or
 * {@code image/svg+xml} after {@link #setFormat(ChartFormat) setFormat(SVG)} or for a single
 * chart through {@link #svg(Chart)}.
 */
@SuppressWarnings("rawtypes") // XChart's charts are generic in their styler and series; the renderer handles all
public final class ChartRenderer implements Renderer<Chart> {
    private static volatile ChartFormat format = ChartFormat.PNG;

    /** The format used for every chart shown from now on in this session. */
    public static void setFormat(ChartFormat chartFormat) {
        format = java.util.Objects.requireNonNull(chartFormat, "chart format: PNG or SVG");
    }

    public static ChartFormat format() {
        return format;
    }

    @Override
    public MimeBundle render(Chart chart) throws IOException {
        return format == ChartFormat.SVG ? svgBundle(chart) : pngBundle(chart);
    }

    /** The chart as PNG, with its width and height as metadata. */
    public static MimeBundle pngBundle(Chart chart) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        return ImageRenderer.pngBundle(png, chart.getWidth(), chart.getHeight(), describe(chart));
    }

    /** The chart as SVG, with its width and height as metadata. */
    public static MimeBundle svgBundle(Chart chart) throws IOException {
        return new MimeBundle()
                .put("image/svg+xml", svgText(chart))
                .put("text/plain", describe(chart))
                .meta("image/svg+xml", Map.of("width", chart.getWidth(), "height", chart.getHeight()));
    }

    /** The chart as SVG source text. */
    public static String svgText(Chart chart) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** One chart shown as SVG whatever the session's format: make it a cell's value or display it. */
    public static MimeBundle svg(Chart chart) throws IOException {
        return svgBundle(chart);
    }

    static String describe(Chart chart) {
        String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "" : " \"" + chart.getTitle() + "\"";
        return "<" + chart.getClass().getSimpleName() + title + " " + chart.getWidth() + "×" + chart.getHeight() + ">";
    }
}
