package io.juxta.frameworks.torch;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.Dataset;
import io.juxta.frameworks.Rng;
import io.juxta.frameworks.nn.Linear;
import io.juxta.frameworks.nn.Loss;
import io.juxta.frameworks.nn.Metric;
import io.juxta.frameworks.nn.Sequential;
import io.juxta.frameworks.train.Fit;
import io.juxta.frameworks.train.History;
import io.juxta.frameworks.train.Optim;
import io.juxta.frameworks.train.TrainingListener;
import io.juxta.frameworks.train.TrainingListeners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The hooks a progress bar needs: the run's size first, every step with its metrics, the end also after a failure. */
class TrainingListenerTest {
    @BeforeAll static void select() { Backends.use("torch"); }

    @AfterEach void removeDefault() { TrainingListeners.setDefault(null); }

    /** Records every call as one line. */
    static final class Recorder implements TrainingListener {
        final List<String> calls = new ArrayList<>();

        @Override public void onStart(int epochs, int stepsPerEpoch, int batchSize) { calls.add("start " + epochs + " " + stepsPerEpoch + " " + batchSize); }

        @Override public void onStep(int epoch, long step, double loss, Map<String, Double> metrics) { calls.add("step " + epoch + " " + step + " " + metrics.keySet()); }

        @Override public void onEpoch(History.Epoch epoch) { calls.add("epoch " + epoch.index()); }

        @Override public void onEnd(History history) { calls.add("end " + history.losses().length); }
    }

    private static History fit(Fit fit) {
        Rng.seed(3);
        Dataset data = TrainingTest.teacherData(5, 40, 6, 3);
        var model = Sequential.of(Linear.of(6, 3));
        return model.fit(data, Loss.crossEntropy(), Optim.sgd(0.1), fit);
    }

    @Test void aListenerSeesTheSizeEveryStepWithMetricsAndTheEnd() {
        Recorder recorder = new Recorder();
        fit(Fit.epochs(2).batch(16).metrics(Metric.accuracy()).listener(recorder).verbose(false));
        assertEquals(List.of("start 2 3 16",
                "step 0 0 [accuracy]", "step 0 1 [accuracy]", "step 0 2 [accuracy]", "epoch 0",
                "step 1 3 [accuracy]", "step 1 4 [accuracy]", "step 1 5 [accuracy]", "epoch 1", "end 6"), recorder.calls);
    }

    @Test void theDefaultListenerJoinsVerboseFitsAndReplacesTheirEpochLines() {
        List<Recorder> made = new ArrayList<>();
        TrainingListeners.setDefault(fit -> { Recorder r = new Recorder(); made.add(r); return r; });
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            fit(Fit.epochs(1).batch(20));
            fit(Fit.epochs(1).batch(20).verbose(false));
        } finally {
            System.setOut(stdout);
        }
        assertEquals(1, made.size(), "only the verbose fit gets the default listener");
        assertEquals("end 2", made.get(0).calls.get(made.get(0).calls.size() - 1));
        assertEquals("", printed.toString(StandardCharsets.UTF_8), "the bar shows the epochs, so fit prints none");
        TrainingListeners.setDefault(null);
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            fit(Fit.epochs(1).batch(20));
        } finally {
            System.setOut(stdout);
        }
        assertTrue(printed.toString(StandardCharsets.UTF_8).startsWith("epoch 1  loss "), printed.toString(StandardCharsets.UTF_8));
    }

    @Test void theEndIsReportedWhenAStepFails() {
        Recorder recorder = new Recorder();
        Rng.seed(3);
        Dataset data = TrainingTest.teacherData(5, 40, 6, 3);
        var model = Sequential.of(Linear.of(7, 3)); // wrong input width: the first step fails
        assertThrows(RuntimeException.class, () -> model.fit(data, Loss.crossEntropy(), Optim.sgd(0.1),
                Fit.epochs(1).batch(16).listener(recorder).verbose(false)));
        assertEquals(List.of("start 1 3 16", "end 0"), recorder.calls);
    }
}
