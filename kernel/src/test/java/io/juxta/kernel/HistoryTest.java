package io.juxta.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {
    private static History of(String... inputs) {
        History h = new History();
        for (int i = 0; i < inputs.length; i++) {
            h.add(i + 1, inputs[i]);
        }
        return h;
    }

    private static List<String> inputs(List<History.Entry> entries) {
        return entries.stream().map(History.Entry::input).toList();
    }

    @Test
    void tailReturnsTheLastEntriesOldestFirst() {
        History h = of("a", "b", "c");
        assertEquals(List.of("b", "c"), inputs(h.tail(2)));
        assertEquals(List.of("a", "b", "c"), inputs(h.tail(10)));
        assertEquals(List.of(), inputs(h.tail(0)));
    }

    @Test
    void rangeIsHalfOpenAndStopZeroMeansToTheEnd() {
        History h = of("a", "b", "c", "d");
        assertEquals(List.of("b", "c"), inputs(h.range(History.SESSION, 2, 4)));
        assertEquals(List.of("c", "d"), inputs(h.range(0, 3, 0)));
        assertEquals(List.of(), inputs(h.range(History.SESSION + 1, 1, 0)));
    }

    @Test
    void searchMatchesGlobsAndCanDropRepeats() {
        History h = of("int x = 1;", "x + 1", "int y = 2;", "int x = 1;");
        assertEquals(List.of("int x = 1;", "int y = 2;", "int x = 1;"), inputs(h.search("int*", 0, false)));
        assertEquals(List.of("int y = 2;", "int x = 1;"), inputs(h.search("int*", 0, true)));
        assertEquals(List.of("int x = 1;"), inputs(h.search("int ? = 1;", 1, false)));
        assertEquals(List.of("x + 1"), inputs(h.search("x + 1", 0, false))); // + is literal, not a regex
    }
}
