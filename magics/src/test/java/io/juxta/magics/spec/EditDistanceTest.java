package io.juxta.magics.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EditDistanceTest {
    @Test
    void countsInsertionsDeletionsSubstitutionsAndSwaps() {
        assertEquals(0, EditDistance.between("time", "time"));
        assertEquals(1, EditDistance.between("tme", "time"));
        assertEquals(1, EditDistance.between("timr", "time"));
        assertEquals(1, EditDistance.between("tiem", "time"));
        assertEquals(3, EditDistance.between("", "abc"));
    }

    @Test
    void suggestsNearNamesNearestFirstAndPrefixes() {
        List<String> names = List.of("time", "timeit", "maven", "markdown", "who", "whos");
        assertEquals(List.of("time", "timeit"), EditDistance.suggestions("tim", names));
        assertEquals(List.of("maven"), EditDistance.suggestions("mavne", names));
        assertEquals(List.of("who"), EditDistance.suggestions("wo", names));
        assertEquals(List.of(), EditDistance.suggestions("zzzzzz", names));
        assertEquals(" Did you mean %maven?", EditDistance.didYouMean("mvn", List.of("maven", "html"), "%"));
    }
}
