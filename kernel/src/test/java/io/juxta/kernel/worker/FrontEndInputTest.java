package io.juxta.kernel.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FrontEndInputTest {
    @Test
    void anAnswerThatArrivesBeforeTheCellWaitsIsKept() {
        AtomicReference<FrontEndInput> input = new AtomicReference<>();
        // the front end answers at once, before readLine has started to wait: the race a busy machine produces
        input.set(new FrontEndInput((prompt, password) -> input.get().answer("Ada"), () -> ""));
        String line = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> input.get().readLine("Name: ", false));
        assertEquals("Ada", line);
    }
}
