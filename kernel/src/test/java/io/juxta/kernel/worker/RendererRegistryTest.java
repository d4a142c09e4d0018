package io.juxta.kernel.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jdk.jshell.JShell;
import org.junit.jupiter.api.Test;

/** Values shown without JShell's own text (a magic's result, a %%compare column) read as JShell shows them. */
class RendererRegistryTest {
    private static String text(Object value) {
        return String.valueOf(new RendererRegistry().render(value).get("text/plain"));
    }

    @Test
    void valuesReadAsJShellShowsThem() {
        try (JShell jshell = JShell.builder().executionEngine("local").build()) {
            java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
            values.put("new float[] {1f, Float.NaN}", new float[] {1f, Float.NaN});
            values.put("new int[][] {{1, 2}, {3}}", new int[][] {{1, 2}, {3}});
            values.put("new String[] {\"a\", null}", new String[] {"a", null});
            values.put("new char[] {'x', 'y'}", new char[] {'x', 'y'});
            values.put("new long[0]", new long[0]);
            values.put("new double[2][0]", new double[2][0]);
            values.put("new Object[] {1, new int[] {2}}", new Object[] {1, new int[] {2}});
            values.put("new String[] {\"a\\\"b\", \"c\\nd\"}", new String[] {"a\"b", "c\nd"});
            values.put("\"a\\\"b\\tc\"", "a\"b\tc");
            values.put("'\\n'", '\n');
            values.forEach((code, value) -> assertEquals(jshell.eval(code).get(0).value(), text(value), code));
        }
    }
}
