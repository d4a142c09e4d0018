package io.juxta.kernel.worker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyntaxCheckTest {
    private final SyntaxCheck check = new SyntaxCheck();

    @Test
    void acceptsEveryKindOfSnippet() {
        assertTrue(check.parses("1 + 1"));
        assertTrue(check.parses("int x = 1;"));
        assertTrue(check.parses("for (int i = 0; i < 3; i++) System.out.println(i);"));
        assertTrue(check.parses("int twice(int v) { return 2 * v; }"));
        assertTrue(check.parses("record Point(int x, int y) {}"));
        assertTrue(check.parses("import java.util.List;"));
    }

    @Test
    void rejectsCodeThatCanNeverCompile() {
        assertFalse(check.parses("int x = = 1;"));
        assertFalse(check.parses("1 +* 2"));
        assertFalse(check.parses("class { }"));
    }
}
