package io.juxta.toolkit.render;

import io.juxta.kernel.api.MimeBundle;
import io.juxta.kernel.api.Renderer;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;

/** Shows a {@link RenderedImage} (a {@code BufferedImage}) as {@code image/png} with its size. */
public final class ImageRenderer implements Renderer<RenderedImage> {
    @Override
    public MimeBundle render(RenderedImage image) {
        return pngBundle(pngBytes(image), image.getWidth(), image.getHeight(),
                "<image " + image.getWidth() + "×" + image.getHeight() + ">");
    }

    /** PNG-encodes an image. */
    public static byte[] pngBytes(RenderedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("this JVM has no PNG writer for images of type " + image.getClass().getName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return out.toByteArray();
    }

    /** A bundle with base64 PNG data, the displayed size as metadata, and a text fallback. */
    static MimeBundle pngBundle(byte[] png, int width, int height, String text) {
        return new MimeBundle()
                .put("image/png", Base64.getEncoder().encodeToString(png))
                .put("text/plain", text)
                .meta("image/png", Map.of("width", width, "height", height));
    }
}
