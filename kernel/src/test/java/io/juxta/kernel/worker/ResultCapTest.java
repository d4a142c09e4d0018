package io.juxta.kernel.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.kernel.api.MimeBundle;
import org.junit.jupiter.api.Test;

class ResultCapTest {
    @Test
    void aLongTextIsCutInACopyAndTheUsersBundleKeepsItsText() {
        String all = "x".repeat(JavaSession.MAX_RESULT_CHARS + 10);
        MimeBundle users = new MimeBundle().put("text/plain", all).put("text/html", "<b>kept</b>");
        MimeBundle shown = JavaSession.capped(users);
        String text = (String) shown.get("text/plain");
        assertTrue(text.startsWith("x".repeat(JavaSession.MAX_RESULT_CHARS) + "…\n[the value's text is 100,010 characters"), text.substring(text.length() - 120));
        assertEquals("<b>kept</b>", shown.get("text/html"));
        assertEquals(all, users.get("text/plain"), "the bundle the user holds is not changed");
        MimeBundle small = new MimeBundle().put("text/plain", "short");
        assertSame(small, JavaSession.capped(small));
    }

    @Test
    void anOutputTooLargeToRelayBecomesANoteOfWhatItWas() {
        MimeBundle chart = new MimeBundle().put("image/svg+xml", "<svg>" + "x".repeat(JavaSession.MAX_OUTPUT_CHARS) + "</svg>")
                .put("text/plain", "XYChart");
        MimeBundle shown = JavaSession.withinOutputLimit(chart);
        assertEquals(java.util.Map.of("text/plain", "XYChart"), shown.data(), "without the SVG the rest fits");
        MimeBundle wide = new MimeBundle().put("text/markdown", "\u4e2d".repeat(6_000_000)); // 6 M chars, 18 MB as UTF-8
        String note = (String) JavaSession.withinOutputLimit(wide).get("text/plain");
        assertTrue(note.startsWith("[not shown: this output is 18.0 MB (text/markdown), more than the 16 MB"), note);
        MimeBundle fits = new MimeBundle().put("text/html", "x".repeat(JavaSession.MAX_OUTPUT_CHARS - 10));
        assertSame(fits, JavaSession.withinOutputLimit(fits));
    }
}
