package io.juxta.kernel.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CrashBannerTest {
    private static final String BANNER = "#\n# A fatal error has been detected by the Java Runtime Environment:\n#\n"
            + "#  SIGSEGV (0xb) at pc=0x00007fb15ecd2f94, pid=12586, tid=12601\n#\n";

    private final CrashBanner banner = new CrashBanner();

    @Test
    void ordinaryOutputPassesThrough() {
        assertEquals("loss 0.5\n# a comment\n", banner.filter("loss 0.5\n# a comment\n"));
        assertFalse(banner.found());
        assertEquals("", banner.rest());
    }

    @Test
    void theBannerAndEverythingAfterItAreHeldUntilTheEnd() {
        assertEquals("native says hi\n", banner.filter("native says hi\n" + BANNER));
        assertTrue(banner.found());
        assertEquals("", banner.filter("# An error report file with more information is saved as:\n"));
        assertEquals(BANNER + "# An error report file with more information is saved as:\n", banner.rest());
    }

    @Test
    void aBannerSplitAcrossChunksIsStillFound() {
        StringBuilder shown = new StringBuilder("before\n");
        banner.filter("before\n");
        for (String piece : BANNER.split("(?<=\\G.{3})")) {
            shown.append(banner.filter(piece));
        }
        assertEquals("before\n", shown.toString());
        assertTrue(banner.found());
        assertEquals(BANNER, banner.rest());
    }

    @Test
    void aTailThatDidNotBecomeTheBannerIsShownWithTheNextChunk() {
        assertEquals("x\n", banner.filter("x\n#\n# A fatal"));
        assertEquals("#\n# A fatal flaw\n", banner.filter(" flaw\n"));
        assertEquals("#", banner.filter("#") + banner.rest());
    }

    @Test
    void theBannerTextInsideALineIsNotTheBanner() {
        String text = "say: " + CrashBanner.START + "\n";
        assertEquals(text, banner.filter(text));
        assertFalse(banner.found());
    }
}
