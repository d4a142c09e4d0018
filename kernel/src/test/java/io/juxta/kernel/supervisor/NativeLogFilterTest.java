package io.juxta.kernel.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NativeLogFilterTest {
    private static final String PREAMBLE = "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n";
    private static final String INFO = "I0000 00:00:1795662284.884477    1353 mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled\n";
    private static final String WARNING = "W0000 00:00:1795662284.884477    1353 cpu_feature_guard.cc:12] no AVX512\n";
    private static final String ERROR = "E0000 00:00:1795662284.884477    1353 session.cc:77] real trouble\n";

    @Test
    void atLevelTwoInfoAndWarningLinesAreDroppedAndErrorsAndOtherTextKept() {
        NativeLogFilter f = new NativeLogFilter(2);
        assertEquals("hello\n" + ERROR, f.filter(PREAMBLE + "hello\n" + INFO + WARNING + ERROR));
    }

    @Test
    void atLevelOneOnlyInfoIsDropped() {
        NativeLogFilter f = new NativeLogFilter(1);
        assertEquals(PREAMBLE + WARNING, f.filter(PREAMBLE + INFO + WARNING));
    }

    @Test
    void aLogLineSplitAcrossChunksIsStillDroppedAndPlainTextIsNotHeld() {
        NativeLogFilter f = new NativeLogFilter(2);
        assertEquals("", f.filter(INFO.substring(0, 30)));
        assertEquals("", f.filter(INFO.substring(30)));
        assertEquals("Enter a number: ", f.filter("Enter a number: "));
    }

    @Test
    void levelZeroPassesEverything() {
        assertEquals(PREAMBLE + INFO, NativeLogFilter.fromEnvironment("0").filter(PREAMBLE + INFO));
        assertEquals(PREAMBLE + INFO, NativeLogFilter.fromEnvironment("junk").filter(PREAMBLE + INFO));
    }
}
