package io.juxta.magics.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MagicSpecTest {
    private static final MagicSpec TIMEIT = MagicSpec.builder("timeit").kind(MagicKind.LINE_AND_CELL).area(Area.TIMING)
            .summary("Time a statement.")
            .details("Chooses the loop count itself.")
            .option('n', "number", ArgType.INT, null, "N", "loops per repeat")
            .option('r', "repeat", ArgType.INT, 7, "R", "repeats")
            .flag('o', "output", "return the result")
            .rest("statement", false, "the code")
            .build();

    @Test
    void usageComesFromTheDeclaration() {
        assertEquals("%timeit [-n N] [-r R] [-o] [STATEMENT]\n%%timeit [-n N] [-r R] [-o]\n<cell body>", TIMEIT.usage());
        MagicSpec withSetup = MagicSpec.builder("bench").kind(MagicKind.LINE_AND_CELL).summary("s")
                .rest("statement", "setup", true, "code").build();
        assertEquals("%bench STATEMENT\n%%bench SETUP\n<cell body>", withSetup.usage());
    }

    @Test
    void helpListsUsageSummaryDetailsArgumentsAndOptionsWithDefaults() {
        String help = TIMEIT.help();
        assertTrue(help.startsWith("%timeit [-n N]"), help);
        assertTrue(help.contains("\nTime a statement.\n\nChooses the loop count itself.\n"), help);
        assertTrue(help.contains("Arguments:\n  STATEMENT"), help);
        assertTrue(help.contains("  -n, --number N  loops per repeat\n"), help);
        assertTrue(help.contains("  -r, --repeat R  repeats (default: 7)\n"), help);
        assertTrue(help.contains("  -o, --output    return the result"), help);
    }

    @Test
    void inconsistentDeclarationsAreRejected() {
        assertThrows(IllegalStateException.class, () -> MagicSpec.builder("x").build());
        assertThrows(IllegalStateException.class, () -> MagicSpec.builder("x").summary("s")
                .flag('a', "all", "a").flag('a', "any", "b").build());
        assertThrows(IllegalStateException.class, () -> MagicSpec.builder("x").summary("s")
                .rest("code", false, "c").positional("file", ArgType.PATH, false, "f").build());
        assertThrows(IllegalStateException.class, () -> MagicSpec.builder("x").summary("s")
                .positional("a", ArgType.STRING, false, "a").positional("b", ArgType.STRING, true, "b").build());
        assertThrows(IllegalArgumentException.class, () -> MagicSpec.builder("%bad"));
    }
}
