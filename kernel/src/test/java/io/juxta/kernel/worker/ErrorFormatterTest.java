package io.juxta.kernel.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorFormatterTest {
    @Test
    void repeatedFramesAndCyclesOfFramesAreFolded() {
        List<String> lines = new ArrayList<>(Collections.nCopies(1000, "at rec"));
        lines.add("at <cell>");
        assertEquals(List.of("at rec", "  [... the frame above repeated 999 more times]", "at <cell>"),
                ErrorFormatter.foldRepeats(lines, "  "));
        List<String> mutual = new ArrayList<>(List.of("at top"));
        for (int i = 0; i < 50; i++) {
            mutual.addAll(List.of("at even", "at odd"));
        }
        assertEquals(List.of("at top", "at even", "at odd", "  [... the 2 frames above repeated 49 more times]"),
                ErrorFormatter.foldRepeats(mutual, "  "));
        List<String> shortTrace = List.of("at a", "at a", "at b");
        assertEquals(shortTrace, ErrorFormatter.foldRepeats(shortTrace, "  "), "two in a row stay as they are");
    }

    @Test
    void jshellsWrapperNamesBecomeTheUsersNames() {
        assertEquals("Cannot invoke \"Object.hashCode()\" because \"o\" is null",
                ThrowableText.userNames("Cannot invoke \"Object.hashCode()\" because \"REPL.$JShell$73.o\" is null"));
        assertEquals("Could not initialize class S", ThrowableText.userNames("Could not initialize class REPL.$JShell$62$S"));
    }
}
