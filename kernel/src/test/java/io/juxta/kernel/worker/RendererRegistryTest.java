package io.juxta.kernel.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.jshell.JShell;
import org.junit.jupiter.api.Test;

/** Values shown without JShell's own text (a magic's result, a %%compare column) read as JShell shows them. */
class RendererRegistryTest {
    private static String text(Object value) {
        return String.valueOf(new RendererRegistry().render(value).get("text/plain"));
    }

    @Test
    void arraysReadAsJShellShowsThem() {
        try (JShell jshell = JShell.builder().executionEngine("local").build()) {
            java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
            values.put("new float[] {1f, Float.NaN}", new float[] {1f, Float.NaN});
            values.put("new int[][] {{1, 2}, {3}}", new int[][] {{1, 2}, {3}});
            values.put("new String[] {\"a\", null}", new String[] {"a", null});
            values.put("new char[] {'x', '\\n'}", new char[] {'x', '\n'});
            values.put("new long[0]", new long[0]);
            values.put("new double[2][0]", new double[2][0]);
            values.put("new Object[] {1, new int[] {2}, 'c'}", new Object[] {1, new int[] {2}, 'c'});
            values.put("new String[] {\"a\\\"b\", \"c\\nd\"}", new String[] {"a\"b", "c\nd"});
            values.forEach((code, value) -> assertEquals(jshell.eval(code).get(0).value(), text(value), code));
        }
    }

    @Test
    void aCellsClassIsNamedAsTheUserNamedItAndAHugeArrayIsCut() throws Exception {
        JavaSession session = TestSessions.open(new java.io.ByteArrayOutputStream());
        try {
            session.eval("record Point(int x) { }");
            assertEquals("Point[1] { Point[x=1] }", text(session.eval("new Point[] { new Point(1) }")));
        } finally {
            session.jshell().close();
        }
        String shown = text(new byte[50_000]);
        assertTrue(shown.startsWith("byte[50000] { 0, 0,"), shown.substring(0, 40));
        assertTrue(shown.endsWith(", … (40000 more) }"), shown.substring(shown.length() - 40));
    }

    @Test
    void aStringOnItsOwnIsItsText() {
        assertEquals("a  b\nc  d", text("a  b\nc  d"), "display(text) shows the text, not a Java literal");
    }
}
