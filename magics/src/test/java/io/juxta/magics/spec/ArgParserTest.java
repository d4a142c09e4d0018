package io.juxta.magics.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgParserTest {
    private static final MagicSpec TIMEIT = MagicSpec.builder("timeit").kind(MagicKind.LINE_AND_CELL)
            .summary("time it")
            .option('n', "number", ArgType.INT, null, "N", "loops")
            .option('r', "repeat", ArgType.INT, 7, "R", "repeats")
            .flag('o', "output", "return the result")
            .flag('q', "quiet", "print nothing")
            .rest("statement", false, "code")
            .build();

    private static final MagicSpec WRITEFILE = MagicSpec.builder("writefile").kind(MagicKind.CELL)
            .summary("write")
            .flag('a', "append", "append")
            .option(null, "encoding", ArgType.STRING, "UTF-8", "NAME", "charset")
            .positional("file", ArgType.PATH, true, "file")
            .build();

    private static final MagicSpec MAVEN = MagicSpec.builder("maven").summary("deps")
            .flag(null, "offline", "offline")
            .positionals("coordinates", ArgType.STRING, true, "coords")
            .build();

    @Test
    void shortOptionsTakeTheirValueSeparateOrAttached() {
        MagicArgs args = ArgParser.parse(TIMEIT, "-n 5 -r3 Math.sqrt(2)");
        assertEquals(5, args.intOption("number"));
        assertEquals(3, args.intOption("repeat"));
        assertEquals("Math.sqrt(2)", args.rest());
    }

    @Test
    void longOptionsTakeTheirValueAfterSpaceOrEquals() {
        MagicArgs args = ArgParser.parse(TIMEIT, "--number=10 --repeat 2 --output x.foo()");
        assertEquals(10, args.intOption("number"));
        assertEquals(2, args.intOption("repeat"));
        assertTrue(args.flag("output"));
        assertFalse(args.flag("quiet"));
    }

    @Test
    void clusteredFlagsAndDefaults() {
        MagicArgs args = ArgParser.parse(TIMEIT, "-oq list.size()");
        assertTrue(args.flag("output"));
        assertTrue(args.flag("quiet"));
        assertEquals(7, args.intOption("repeat"));
        assertNull(args.intOption("number"));
        assertFalse(args.has("repeat"));
    }

    @Test
    void theRestIsTakenRawWithItsQuotesAndSpacing() {
        MagicArgs args = ArgParser.parse(TIMEIT, "-n 1 String s = \"a  b\" + 'c';  ");
        assertEquals("String s = \"a  b\" + 'c';", args.rest());
    }

    @Test
    void unbalancedQuotesInJavaCodeAreNotLexed() {
        assertEquals("'\"'", ArgParser.parse(TIMEIT, "'\"'").rest());
    }

    @Test
    void doubleDashEndsOptionsSoCodeMayStartWithAMinus() {
        MagicArgs args = ArgParser.parse(TIMEIT, "-n 2 -- -x + 1");
        assertEquals(2, args.intOption("number"));
        assertEquals("-x + 1", args.rest());
    }

    @Test
    void shellQuotingForPositionals() {
        MagicArgs args = ArgParser.parse(WRITEFILE, "-a \"my file.txt\"");
        assertTrue(args.flag("append"));
        assertEquals("my file.txt", args.positional("file"));
        assertEquals("it's here", ArgParser.parse(WRITEFILE, "'it'\\''s here'").positional("file"));
        assertEquals("a b", ArgParser.parse(WRITEFILE, "a\\ b").positional("file"));
        assertEquals("say \"hi\"", ArgParser.parse(WRITEFILE, "\"say \\\"hi\\\"\"").positional("file"));
    }

    @Test
    void aQuotedDashIsAValueNotAnOption() {
        assertEquals("-x", ArgParser.parse(WRITEFILE, "'-x'").positional("file"));
    }

    @Test
    void repeatedPositionalsCollectEveryToken() {
        MagicArgs args = ArgParser.parse(MAVEN, "a:b:1 --offline c:d:2");
        assertEquals(List.of("a:b:1", "c:d:2"), args.positionals("coordinates"));
        assertTrue(args.flag("offline"));
    }

    @Test
    void unknownLongOptionSuggestsTheNearest() {
        UsageException error = assertThrows(UsageException.class, () -> ArgParser.parse(TIMEIT, "--numbr 5 x"));
        assertEquals("unknown option --numbr. Did you mean --number?", error.getMessage());
    }

    @Test
    void unknownShortOptionListsTheOptions() {
        UsageException error = assertThrows(UsageException.class, () -> ArgParser.parse(TIMEIT, "-x 5"));
        assertTrue(error.getMessage().startsWith("unknown option -x. Options: -n/--number, -r/--repeat"), error.getMessage());
    }

    @Test
    void badValuesAndMissingValuesAreUsageErrors() {
        assertEquals("option -n expects a whole number, not 'five'",
                assertThrows(UsageException.class, () -> ArgParser.parse(TIMEIT, "-n five x")).getMessage());
        assertEquals("option --number needs a value (N)",
                assertThrows(UsageException.class, () -> ArgParser.parse(TIMEIT, "--number")).getMessage());
        assertEquals("option --output takes no value",
                assertThrows(UsageException.class, () -> ArgParser.parse(TIMEIT, "--output=yes x")).getMessage());
    }

    @Test
    void missingAndUnexpectedPositionals() {
        assertEquals("missing argument FILE", assertThrows(UsageException.class, () -> ArgParser.parse(WRITEFILE, "-a")).getMessage());
        assertEquals("unexpected argument 'extra'",
                assertThrows(UsageException.class, () -> ArgParser.parse(WRITEFILE, "f.txt extra")).getMessage());
        assertEquals("missing argument COORDINATES", assertThrows(UsageException.class, () -> ArgParser.parse(MAVEN, "--offline")).getMessage());
    }

    @Test
    void anUnclosedQuoteIsAUsageError() {
        UsageException error = assertThrows(UsageException.class, () -> ArgParser.parse(WRITEFILE, "\"open"));
        assertEquals("a \" quote opened at column 1 is never closed", error.getMessage());
    }

    @Test
    void negativeNumbersAreValuesNotOptions() {
        MagicSpec spec = MagicSpec.builder("shift").summary("s").option('b', "by", ArgType.INT, 0, "N", "by")
                .positional("offset", ArgType.INT, false, "o").build();
        MagicArgs args = ArgParser.parse(spec, "-b -3 -7");
        assertEquals(-3, args.intOption("by"));
        assertEquals("-7", args.positional("offset"));
    }

    @Test
    void aCellFormWithoutARestRejectsExtraWords() {
        MagicSpec time = MagicSpec.builder("time").kind(MagicKind.LINE_AND_CELL).summary("t").rest("statement", false, "code").build();
        assertEquals("1 + 1", ArgParser.parse(time, "1 + 1").rest());
        assertEquals("unexpected argument 'oops'", assertThrows(UsageException.class, () -> ArgParser.parse(time, "oops", true)).getMessage());
        assertEquals("", ArgParser.parse(time, "", true).rest());
    }
}
