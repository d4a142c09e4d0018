package io.juxta.toolkit.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.kernel.api.MimeBundle;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TableRendererTest {
    private static Table numbers(int rows) {
        int[] ids = IntStream.range(0, rows).toArray();
        double[] squares = IntStream.range(0, rows).mapToDouble(i -> (double) i * i).toArray();
        return Table.create("numbers", IntColumn.create("id", ids), DoubleColumn.create("square", squares));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    private static String body(String html) {
        return html.substring(html.indexOf("<tbody>"));
    }

    @Test
    void smallTableShowsEveryRow() {
        MimeBundle bundle = new TableRenderer().render(numbers(5));
        String html = (String) bundle.get("text/html");
        assertEquals(5, count(body(html), "<tr><th>"), html);
        assertTrue(html.contains("<th>id</th><th>square</th>"), html);
        assertTrue(html.contains("<tr><th>4</th><td>4</td><td>16</td></tr>"), html);
        assertTrue(html.contains("<caption>numbers</caption>"));
        assertTrue(html.contains("5 rows × 2 columns"));
        String text = (String) bundle.get("text/plain");
        assertTrue(text.contains("4   4      16"), text);
        assertTrue(text.endsWith("[5 rows × 2 columns]"), text);
    }

    @Test
    void largeTableShowsHeadAndTailWithItsSize() {
        Table table = numbers(1000);
        String html = new TableRenderer().html(table);
        assertTrue(html.contains("<tr><th>0</th><td>0</td>"), html);
        assertTrue(html.contains("<tr><th>9</th>"));
        assertFalse(html.contains("<tr><th>10</th>"));
        assertFalse(html.contains("<tr><th>989</th>"));
        assertTrue(html.contains("<tr><th>990</th>"));
        assertTrue(html.contains("<tr><th>999</th><td>999</td><td>998,001</td>") || html.contains("<tr><th>999</th><td>999</td><td>998001</td>"), html);
        assertTrue(html.contains("<tr><th>…</th><td>…</td><td>…</td></tr>"));
        assertEquals(21, count(body(html), "<tr><th>"));
        assertTrue(html.contains("1,000 rows × 2 columns"));
        String text = new TableRenderer().text(table);
        assertEquals(1 + 1 + 21 + 1, text.split("\n").length, text); // name, header, rows, size
    }

    @Test
    void wideTableElidesMiddleColumns() {
        Table wide = Table.create("wide");
        for (int c = 0; c < 30; c++) {
            wide.addColumns(IntColumn.create("c" + c, new int[] {c}));
        }
        String html = new TableRenderer(30, 10, 6, 2).html(wide);
        assertTrue(html.contains("<th></th><th>c0</th><th>c1</th><th>…</th><th>c28</th><th>c29</th></tr>"), html);
        assertTrue(html.contains("1 row × 30 columns"));
    }

    @Test
    void aNumberThatIsNotANumberShowsAsNaNAndAMissingStringAsBlank() {
        Table table = Table.create("t", DoubleColumn.create("loss", new double[] {1.5, Double.NaN}),
                StringColumn.create("s", new String[] {"a", null}));
        String html = new TableRenderer().html(table);
        assertTrue(html.contains("<tr><th>1</th><td>NaN</td><td></td></tr>"), html);
    }

    @Test
    void escapesEveryCellAndName() {
        Table table = Table.create("<b>t</b>", StringColumn.create("a<b", new String[] {"<script>alert('x')</script>", "x & y"}));
        String html = new TableRenderer().html(table);
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("<b>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), html);
        assertTrue(html.contains("x &amp; y"));
        assertTrue(html.contains("<th>a&lt;b</th>"));
    }

}
