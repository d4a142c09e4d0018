package io.juxta.frameworks.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.Dataset;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.MemoryScope;
import io.juxta.frameworks.Ops;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.nn.Linear;
import io.juxta.frameworks.nn.Loss;
import io.juxta.frameworks.nn.Model;
import io.juxta.frameworks.nn.Sequential;
import io.juxta.frameworks.train.Fit;
import io.juxta.frameworks.train.Optim;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Common mistakes get the same clear message on each backend, instead of silently wrong numbers or a native error. */
class MisuseMessagesTest {

    @AfterEach void reset() { Backends.use("tf"); }

    @ParameterizedTest @ValueSource(strings = {"torch", "tf"})
    void elementWiseLossesRefuseShapesThatWouldBroadcast(String backend) {
        Backends.use(backend);
        Tensor column = Ops.tensor(new float[] {1, 2, 3, 4}, 4, 1);
        Tensor flat = Ops.tensor(new float[] {1, 2, 3, 4}, 4);
        for (Loss loss : new Loss[] {Loss.mse(), Loss.huber(), Loss.bce(), Loss.bceWithLogits()}) {
            var e = assertThrows(IllegalArgumentException.class, () -> loss.compute(column, flat), loss.name());
            assertTrue(e.getMessage().contains("predictions [4, 1] and targets [4] differ in shape"), e.getMessage());
            assertTrue(e.getMessage().contains("y.reshape(-1, 1)"), e.getMessage());
        }
        assertEquals(0, Loss.mse().compute(column, flat.reshape(4, 1)).item(), 0);
        assertEquals(7.5, Loss.mse().compute(flat, Ops.zeros(4).sum().add(5.0)).item(), 1e-6, "a scalar target is one value for all");
    }

    @ParameterizedTest @ValueSource(strings = {"torch", "tf"})
    void fitOnAColumnOutputAgainstFlatTargetsIsAnErrorNotAWrongModel(String backend) {
        Backends.use(backend);
        Model model = Model.of(Linear.of(2, 1));
        Dataset data = Dataset.of(HostArray.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 4, 2), HostArray.of(new float[] {1, 2, 3, 4}, 4));
        var e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(data, Loss.mse(), Optim.sgd(0.01), Fit.epochs(1).batch(2).verbose(false)));
        assertTrue(e.getMessage().contains("Loss.mse: predictions ["), e.getMessage());
    }

    /** A sequence model without lastStepOnly() gives [N, T, C]: the loss says so, not the accuracy metric's broadcast. */
    @ParameterizedTest @ValueSource(strings = {"torch", "tf"})
    void fitWithMetricsReportsTheLossShapeCheckFirst(String backend) {
        Backends.use(backend);
        Model model = Model.of(Linear.of(3, 2));
        Dataset data = Dataset.of(HostArray.of(new float[4 * 5 * 3], 4, 5, 3), HostArray.of(new int[] {0, 1, 1, 0}));
        var e = assertThrows(IllegalArgumentException.class, () -> model.fit(data, Loss.crossEntropy(), Optim.sgd(0.01),
                Fit.epochs(1).batch(4).metrics(io.juxta.frameworks.nn.Metric.accuracy()).verbose(false)));
        assertTrue(e.getMessage().contains("crossEntropy expects logits [N, C] and labels [N]"), e.getMessage());
    }

    /** A step whose loss cannot reach the model it trains says so on both backends (tf trained nothing, silently). */
    @ParameterizedTest @ValueSource(strings = {"torch", "tf"})
    void aStepWhoseLossDoesNotReachItsModelIsRefused(String backend) {
        Backends.use(backend);
        Model policy = Model.of(Linear.of(2, 2));
        Model other = Model.of(Linear.of(2, 1));
        var batch = io.juxta.frameworks.HostBatch.of(HostArray.of(new float[] {1, 2}, 1, 2), HostArray.of(new float[] {3}, 1, 1));
        for (io.juxta.frameworks.spi.ScalarFunction loss : List.<io.juxta.frameworks.spi.ScalarFunction>of(
                b -> b.y().sum(), b -> Loss.mse().compute(other.forward(b.x()), b.y()))) {
            var e = assertThrows(IllegalArgumentException.class, () -> policy.trainStep(Optim.sgd(0.1), loss).run(batch));
            assertTrue(e.getMessage().contains("no gradient can reach") || e.getMessage().contains("no gradient can flow"),
                    backend + ": " + e.getMessage());
        }
        double loss = policy.trainStep(Optim.sgd(0.1), b -> Loss.mse().compute(policy.forward(b.x()).sum(-1).reshape(1, 1), b.y()))
                .run(batch).loss();
        assertTrue(Double.isFinite(loss), "a step that reaches its model still runs: " + loss);
    }

    /** On torch a closed step only lets go of its input buffers and runs again with new ones (StepFastPathTest). */
    @Test
    void aClosedTfStepSaysSo() {
        Backends.use("tf");
        Model model = Model.of(Linear.of(2, 1));
        var step = model.trainStep(Optim.sgd(0.01), b -> Loss.mse().compute(model.forward(b.x()), b.y()));
        var batch = io.juxta.frameworks.HostBatch.of(HostArray.of(new float[] {1, 2}, 1, 2), HostArray.of(new float[] {3}, 1, 1));
        step.run(batch);
        step.close();
        var e = assertThrows(IllegalStateException.class, () -> step.run(batch));
        assertEquals("This compiled step or function was closed (its graph is freed): compile it again", e.getMessage());
    }

    @ParameterizedTest @ValueSource(strings = {"torch", "tf"})
    void anEmptyDatasetIsAnErrorNotALossOfNaN(String backend) {
        Backends.use(backend);
        Model model = Model.of(Linear.of(2, 1));
        Dataset empty = Dataset.of(HostArray.of(new float[0], 0, 2), HostArray.of(new float[0], 0, 1));
        var e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(empty, Loss.mse(), Optim.sgd(0.01), Fit.epochs(1).batch(2).verbose(false)));
        assertTrue(e.getMessage().startsWith("fit was given an empty dataset"), e.getMessage());
    }

    /** predict on zero rows said only "Nothing to concatenate", from the host array that joins the batches' outputs. */
    @ParameterizedTest @ValueSource(strings = {"torch", "tf"})
    void predictOnNoRowsSaysSo(String backend) {
        Backends.use(backend);
        Model model = Model.of(Linear.of(2, 1));
        var e = assertThrows(IllegalArgumentException.class, () -> model.predict(HostArray.of(new float[0], 0, 2)));
        assertTrue(e.getMessage().startsWith("predict was given no rows (x [0, 2])"), e.getMessage());
        assertEquals(3, model.predict(HostArray.of(new float[6], 3, 2)).dim(0));
    }

    @ParameterizedTest @ValueSource(strings = {"torch", "tf"})
    void axesOutOfRangeAndScalarsSayWhatTheShapeIs(String backend) {
        Backends.use(backend);
        Tensor scalar = Ops.scalar(3);
        assertSame(scalar, scalar.t(), "a scalar is its own transpose, as in PyTorch");
        var none = assertThrows(IllegalArgumentException.class, () -> scalar.dim(0));
        assertTrue(none.getMessage().contains("0-d tensor"), none.getMessage());
        Tensor m = Ops.zeros(2, 3);
        assertEquals(3, m.dim(-1));
        var out = assertThrows(IllegalArgumentException.class, () -> m.dim(5));
        assertEquals("dim(5) is out of range for shape [2, 3]: axes go from -2 to 1", out.getMessage());
        var cube = assertThrows(IllegalArgumentException.class, () -> Ops.zeros(2, 3, 4).t());
        assertTrue(cube.getMessage().contains("transpose(a, b)"), cube.getMessage());
    }

    /** Images reaching a Linear unflattened: the hint is the missing Flatten, not a Linear over the image's width. */
    @ParameterizedTest @ValueSource(strings = {"torch", "tf"})
    void aLinearOnUnflattenedImagesSaysToFlattenThem(String backend) {
        Backends.use(backend);
        Model model = Model.of(Linear.of(784, 10));
        Dataset images = Dataset.of(HostArray.of(new float[4 * 784], 4, 1, 28, 28), HostArray.of(new int[4]));
        var e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(images, Loss.crossEntropy(), Optim.sgd(0.01), Fit.epochs(1).batch(2).verbose(false)));
        assertTrue(e.getMessage().contains("put Flatten.of() before it: each example holds 784 values"), e.getMessage());
        assertFalse(e.getMessage().contains("use Linear.of(28, 10)"), e.getMessage());
        var other = assertThrows(IllegalArgumentException.class, () -> Linear.of(100, 10).forward(Ops.zeros(2, 1, 28, 28)));
        assertTrue(other.getMessage().contains("put Flatten.of() before it and use Linear.of(784, 10)"), other.getMessage());
        var flat = assertThrows(IllegalArgumentException.class, () -> Linear.of(100, 10).forward(Ops.zeros(2, 784)));
        assertTrue(flat.getMessage().endsWith("use Linear.of(784, 10)"), flat.getMessage());
    }

    @Test
    void aMissingLayerIsNamedByItsPlace() {
        var e = assertThrows(IllegalArgumentException.class, () -> Sequential.of(Linear.of(2, 3), null));
        assertEquals("Sequential.of: layer 2 of 2 is null (a variable not assigned yet?)", e.getMessage());
    }

    @SuppressWarnings("try")
    @ParameterizedTest @ValueSource(strings = {"torch", "tf"})
    void aTensorItsScopeFreedSaysSoWhenUsed(String backend) {
        Backends.use(backend);
        Tensor freed;
        try (MemoryScope scope = Backends.current().openScope()) {
            freed = Ops.ones(3).mul(2.0);
        }
        for (Runnable use : new Runnable[] {() -> freed.add(1.0), freed::toFloatArray}) {
            var e = assertThrows(IllegalStateException.class, use::run);
            assertEquals(MemoryScope.FREED_TENSOR, e.getMessage());
        }
    }

    @ParameterizedTest @ValueSource(strings = {"torch", "tf"})
    void aLossThatIsNotANumberIsExplainedOnce(String backend) {
        Backends.use(backend);
        // raw outputs of +-1e6 into Loss.bce: one of the two rows is outside [0, 1] unless |w| < 1e-6
        Model raw = Model.of(Linear.of(1, 1));
        Dataset far = Dataset.of(HostArray.of(new float[] {1e6f, -1e6f}, 2, 1), HostArray.of(new float[] {1, 0}, 2, 1));
        String bce = stderrOf(() -> raw.fit(far, Loss.bce(), Optim.sgd(0.01), Fit.epochs(2).batch(1).verbose(false)));
        assertEquals(1, bce.lines().count(), bce);
        assertTrue(bce.startsWith("Warning: the loss is NaN at epoch 1, step "), bce);
        assertTrue(bce.contains("Loss.bce takes probabilities in [0, 1]") && bce.contains("Loss.bceWithLogits()"), bce);

        Model model = Model.of(Linear.of(1, 1));
        Dataset holed = Dataset.of(HostArray.of(new float[] {Float.NaN, 1}, 2, 1), HostArray.of(new float[] {1, 0}, 2, 1));
        String mse = stderrOf(() -> model.fit(holed, Loss.mse(), Optim.sgd(0.01), Fit.epochs(1).batch(2).shuffle(false).verbose(false)));
        assertTrue(mse.startsWith("Warning: the loss is NaN at epoch 1, step 1;"), mse);
        assertTrue(mse.contains("This batch's inputs hold NaN or infinite values"), mse);

        Model later = Model.of(Sequential.of(Linear.of(1, 1), io.juxta.frameworks.nn.Sigmoid.of()));
        Dataset holedLater = Dataset.of(HostArray.of(new float[] {1, 2, Float.NaN, 4}, 4, 1), HostArray.of(new float[] {1, 0, 1, 0}, 4, 1));
        String third = stderrOf(() -> later.fit(holedLater, Loss.bce(), Optim.sgd(0.01), Fit.epochs(1).batch(1).shuffle(false).verbose(false)));
        assertTrue(third.contains("epoch 1, step 3;") && third.contains("This batch's inputs hold NaN"), "the data, not bce, is named: " + third);

        Model fine = Model.of(Linear.of(1, 1));
        Dataset near = Dataset.of(HostArray.of(new float[] {0.5f, 0.25f}, 2, 1), HostArray.of(new float[] {1, 0}, 2, 1));
        assertEquals("", stderrOf(() -> fine.fit(near, Loss.mse(), Optim.sgd(0.01), Fit.epochs(1).batch(2).verbose(false))));
    }

    @ParameterizedTest @ValueSource(strings = {"torch", "tf"})
    void aBatchSizeNotKnownWhileTracingShowsAsAQuestionMark(String backend) {
        Backends.use(backend);
        Model model = Model.of(Linear.of(4, 1));
        Dataset three = Dataset.of(HostArray.of(new float[6], 2, 3), HostArray.of(new float[2], 2, 1));
        var e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(three, Loss.mse(), Optim.sgd(0.01), Fit.epochs(1).batch(2).verbose(false)));
        // TensorFlow traces the step with the batch size left open; torch runs it eagerly on the real batch
        String shape = backend.equals("tf") ? "[?, 3]" : "[2, 3]";
        assertEquals("Linear(4, 1) got input with last dimension 3 (shape " + shape + "); use Linear.of(3, 1)", e.getMessage());
    }

    private static String stderrOf(Runnable r) {
        var saved = System.err;
        var bytes = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(saved);
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
