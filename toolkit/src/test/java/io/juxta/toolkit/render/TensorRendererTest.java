package io.juxta.toolkit.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.TensorFormat;
import io.juxta.kernel.api.MimeBundle;
import io.juxta.toolkit.HostTensor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TensorRendererTest {
    private static final Pattern ROW_HEADER = Pattern.compile("<tr><th>(\\d+|…)</th>");

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void aMatrixShowsPyTorchTextAndAnHtmlGridWithItsHeader() {
        HostTensor t = HostTensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        MimeBundle bundle = new TensorRenderer().render(t);
        assertEquals(TensorFormat.format(t), bundle.get("text/plain"));
        String html = (String) bundle.get("text/html");
        assertTrue(html.contains("Tensor [2, 3] float32 on cpu (host)"), html);
        assertEquals(2, count(ROW_HEADER, html));
        assertTrue(html.contains(">1.0000</td>") && html.contains(">6.0000</td>"), html);
        assertTrue(html.contains("<th>0</th><th>1</th><th>2</th>"), html);
    }

    @Test
    void aLargeMatrixShowsItsEdgesAndAnEllipsis() {
        float[] values = new float[100 * 50];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 100f;
        }
        String html = (String) new TensorRenderer().render(HostTensor.of(values, 100, 50)).get("text/html");
        assertEquals(2 * TensorRenderer.EDGE + 1, count(ROW_HEADER, html));
        assertTrue(html.contains("<tr><th>99</th>") && html.contains("<tr><th>…</th>"), html);
        assertTrue(html.contains(">4.9990e+05</td>"), "large values switch to scientific notation: " + html);
        assertFalse(html.contains("<tr><th>50</th>"), html);
    }

    @Test
    void integerAndOtherRanksKeepTheirFormat() {
        HostTensor ints = new HostTensor(HostArray.of(new int[] {1, 2, 3, 4}, 2, 2), "host");
        assertTrue(((String) new TensorRenderer().render(ints).get("text/html")).contains(">4</td>"));
        HostTensor vector = HostTensor.of(new float[] {1, 2, 3});
        MimeBundle bundle = new TensorRenderer().render(vector);
        assertEquals(TensorFormat.html(vector), bundle.get("text/html"));
    }
}
