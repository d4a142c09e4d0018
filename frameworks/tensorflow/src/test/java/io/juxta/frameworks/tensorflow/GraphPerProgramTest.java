package io.juxta.frameworks.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.Dataset;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.HostBatch;
import io.juxta.frameworks.Rng;
import io.juxta.frameworks.Variable;
import io.juxta.frameworks.nn.Linear;
import io.juxta.frameworks.nn.Loss;
import io.juxta.frameworks.nn.ReLU;
import io.juxta.frameworks.nn.Sequential;
import io.juxta.frameworks.spi.TrainStep;
import io.juxta.frameworks.train.Fit;
import io.juxta.frameworks.train.Optim;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each compiled program has its own graph: freed on close, and variables carry their newest value between graphs. */
class GraphPerProgramTest {
    static TfBackend tf;

    @BeforeAll static void select() {
        Backends.use("tf");
        tf = (TfBackend) Backends.current();
    }

    static Set<StagedGraph> open() {
        Set<StagedGraph> s = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        s.addAll(tf.openGraphs());
        return s;
    }

    @Test void repeatedFitsLeaveNoGraphBehind() {
        Rng.seed(4);
        var model = Sequential.of(Linear.of(4, 8), ReLU.of(), Linear.of(8, 3));
        Dataset data = Dataset.of(Rng.normal(0, 1, 32, 4), HostArray.of(new int[32], 32));
        model.fit(data, Loss.crossEntropy(), Optim.adam(1e-2), Fit.epochs(1).batch(8));
        for (int i = 0; i < 3; i++) {
            Set<StagedGraph> before = open();
            model.fit(data, Loss.crossEntropy(), Optim.adam(1e-2), Fit.epochs(1).batch(8));
            Set<StagedGraph> after = open();
            after.removeAll(before);
            assertTrue(after.isEmpty(), "fit " + i + " left " + after.size() + " graph(s) open");
        }
    }

    @Test void aClosedStepsWeightsSurviveAndMoveToOtherGraphs() {
        Variable w = Variable.trainable("moving.w", HostArray.of(new float[] {1, 2, 3}, 3));
        HostBatch batch = HostBatch.of(HostArray.of(new float[] {1, 1, 1}, 3), null);
        Set<StagedGraph> before = open();
        TrainStep step = tf.compileTrainStep(b -> io.juxta.frameworks.spi.StepOutput.of(b.x().mul(w.value()).sum()), List.of(w),
                Optim.sgd(0.5).updateRule());
        StagedGraph stepGraph = only(before, () -> assertEquals(6.0, step.run(batch).loss(), 1e-6));
        assertEquals(4.5, step.run(batch).loss(), 1e-6, "the second run sees the first run's update: 6 - 3 * 0.5");
        float[] afterTwo = {0, 1, 2};
        assertArrayEquals(afterTwo, w.toHost().toFloatArray(), "an eager read fetches from the step's graph");

        w.load(HostArray.of(new float[] {10, 10, 10}, 3));
        assertEquals(30.0, step.run(batch).loss(), 1e-6, "a host write reaches the step's graph before its next run");

        var predict = tf.compileFunction(b -> java.util.Map.of("y", b.x().mul(w.value()).sum()));
        assertEquals(28.5, predict.run(batch).get("y").get(0), 1e-6, "another graph gets the value the step wrote last");

        assertEquals(28.5, step.run(batch).loss(), 1e-6);
        step.close();
        assertFalse(tf.openGraphs().contains(stepGraph));
        assertTrue(stepGraph.isClosed());
        assertArrayEquals(new float[] {9, 9, 9}, w.toHost().toFloatArray(), "the value only the closed graph held was kept");
        assertEquals(27.0, predict.run(batch).get("y").get(0), 1e-6);
        predict.close();
        assertEquals(0, ((TfVariable) w.handle()).holderCount());
        var e = assertThrows(IllegalStateException.class, () -> step.run(batch));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test void aModelsCustomStepClosesItsGraph() {
        Rng.seed(6);
        var model = Sequential.of(Linear.of(2, 2));
        Set<StagedGraph> before = open();
        TrainStep step = model.trainStep(Optim.sgd(0.1), b -> model.forward(b.x()).square().mean());
        StagedGraph g = only(before, () -> step.run(HostBatch.of(Rng.normal(0, 1, 4, 2), null)));
        step.close();
        assertTrue(g.isClosed(), "TrainingLoop.customStep's wrapper closes the compiled step");
    }

    /** Runs {@code action} and returns the one graph it opened. */
    private static StagedGraph only(Set<StagedGraph> before, Runnable action) {
        action.run();
        Set<StagedGraph> now = open();
        now.removeAll(before);
        assertEquals(1, now.size(), "one new graph");
        return now.iterator().next();
    }
}
