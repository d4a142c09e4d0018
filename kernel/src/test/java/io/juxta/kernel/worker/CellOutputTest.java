package io.juxta.kernel.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellOutputTest {
    private final List<String> sent = new ArrayList<>();
    private final CellOutput out = new CellOutput("stdout", (name, text) -> sent.add(text));

    private void print(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }

    @Test
    void aLineAfterAQuietSpellLeavesAtOnceAndTheLinesAfterItBecomeOneMessage() {
        for (int i = 0; i < 1000; i++) {
            print("line " + i + "\n");
        }
        assertEquals(List.of("line 0\n"), sent, "sent before anything drains it");
        out.drain();
        assertEquals(2, sent.size());
        assertEquals(999, sent.get(1).lines().count());
    }

    @Test
    void onlyTheCompleteLinesOfTheFirstWriteLeaveAtOnce() {
        print("step 1\nstep 2\nloss: ");
        assertEquals(List.of("step 1\nstep 2\n"), sent);
        out.write('0');
        out.write('\n');
        assertEquals(1, sent.size(), "written within the coalescing window: waits for the flusher");
        out.drain();
        assertEquals(List.of("step 1\nstep 2\n", "loss: 0\n"), sent);
    }

    @Test
    void anUnfinishedLineAloneIsHeldBack() throws InterruptedException {
        print("Name: ");
        assertEquals(List.of(), sent);
        Thread.sleep(2 * CellOutput.COALESCE_MILLIS);
        out.write('x');
        assertEquals(List.of(), sent, "the first write already made output pending");
    }

    @Test
    void largeOutputIsSplitIntoMessagesOfAtMostOneMebibyteWithNothingLost() {
        String line = "x".repeat(99) + "\n";
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            print(line);
            all.append(line);
        }
        out.drain();
        assertTrue(sent.size() >= 3, "sent " + sent.size());
        sent.forEach(m -> assertTrue(m.getBytes(StandardCharsets.UTF_8).length <= 1 << 20));
        assertEquals(all.toString(), String.join("", sent));
    }

    @Test
    void theUnfinishedLineIsTakenAsThePromptAndTheRestIsSent() {
        print("hello\nName: ");
        assertEquals("Name: ", out.takeUnfinishedLine());
        assertEquals(List.of("hello\n"), sent);
    }

    @Test
    void utf8CharactersAreNeverSplit() {
        byte[] b = "aé€😀".getBytes(StandardCharsets.UTF_8); // 1 + 2 + 3 + 4 bytes
        assertEquals(1, CellOutput.utf8Boundary(b, 0, 2));
        assertEquals(3, CellOutput.utf8Boundary(b, 0, 3));
        assertEquals(3, CellOutput.utf8Boundary(b, 0, 5));
        assertEquals(6, CellOutput.utf8Boundary(b, 0, 9));
        assertEquals(10, CellOutput.utf8Boundary(b, 0, 10));
    }

    @Test
    void promptsAreRecognisedByTheirEnding() {
        assertTrue(CellOutput.looksLikePrompt("Your name: ".getBytes(StandardCharsets.UTF_8), 0));
        assertTrue(CellOutput.looksLikePrompt("Continue? ".getBytes(StandardCharsets.UTF_8), 0));
        assertFalse(CellOutput.looksLikePrompt("epoch 3 of 10".getBytes(StandardCharsets.UTF_8), 0));
    }
}
