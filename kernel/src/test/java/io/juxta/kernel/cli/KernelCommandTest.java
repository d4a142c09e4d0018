package io.juxta.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelCommandTest {
    @Test
    void nativeHeapTrimmingOnlyOnJdksThatHaveTheFlag() {
        assertTrue(KernelCommand.trimsNativeHeap(Runtime.Version.parse("17.0.15+6")));
        assertTrue(KernelCommand.trimsNativeHeap(Runtime.Version.parse("17.0.9")));
        assertFalse(KernelCommand.trimsNativeHeap(Runtime.Version.parse("17.0.8")));
        assertFalse(KernelCommand.trimsNativeHeap(Runtime.Version.parse("20.0.2")));
        assertFalse(KernelCommand.trimsNativeHeap(Runtime.Version.parse("21")));
        assertTrue(KernelCommand.trimsNativeHeap(Runtime.Version.parse("21.0.1")));
        assertTrue(KernelCommand.trimsNativeHeap(Runtime.Version.parse("25.0.3+9")));
    }

    @Test
    void aCellTimeoutIsInMillisecondsAndATinyOneIsStillALimit() {
        assertEquals(0, KernelCommand.parseCellTimeout("0"));
        assertEquals(1500, KernelCommand.parseCellTimeout(" 1.5 "));
        assertEquals(1, KernelCommand.parseCellTimeout("0.0001"), "0.0001 s rounded to 0 meant no limit at all");
    }

    @Test
    void userOptionsComeLastSoTheyWin() {
        List<String> opts = KernelCommand.workerJvmOptions(List.of("-Xss4m"));
        assertEquals("-Xss4m", opts.get(opts.size() - 1));
        assertTrue(opts.indexOf("-Xss16m") < opts.indexOf("-Xss4m"));
    }

    @Test
    void theWorkerCompilesWithC1OnlyUnlessTheUserAsksForC2() {
        List<String> opts = KernelCommand.workerJvmOptions(List.of());
        assertTrue(opts.contains("-XX:TieredStopAtLevel=1"));
        opts = KernelCommand.workerJvmOptions(List.of("-XX:TieredStopAtLevel=4"));
        assertTrue(opts.indexOf("-XX:TieredStopAtLevel=1") < opts.indexOf("-XX:TieredStopAtLevel=4"),
                "the user's level must come later: the JVM takes the last one");
    }

    @Test
    void javacppPhysicalMemoryCheckIsOffUnlessTheUserSetsALimit() {
        String off = "-D" + KernelCommand.JAVACPP_MAX_PHYSICAL_BYTES + "=0";
        assertTrue(KernelCommand.workerJvmOptions(List.of()).contains(off));
        String own = "-D" + KernelCommand.JAVACPP_MAX_PHYSICAL_BYTES + "=8g";
        List<String> opts = KernelCommand.workerJvmOptions(List.of(own));
        assertTrue(opts.indexOf(off) < opts.indexOf(own), "the user's limit must come later, so that it wins");
    }
}
