package io.juxta.frameworks.parity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.HostBatch;
import io.juxta.frameworks.Rng;
import io.juxta.frameworks.nn.Linear;
import io.juxta.frameworks.nn.Loss;
import io.juxta.frameworks.nn.Model;
import io.juxta.frameworks.spi.TrainStep;
import io.juxta.frameworks.train.Optim;
import io.juxta.frameworks.train.Optimizer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What %%compare relies on: a model's weights follow it from one backend to the other; stale steps say so. */
class BackendSwitchTest {

    @AfterEach void reset() { Backends.use("tf"); }

    @Test void weightsTrainedOnTfContinueOnTorchAndBack() {
        Backends.use("tf");
        Rng.seed(9);
        Model model = Model.of(Linear.of(3, 2));
        HostBatch batch = HostBatch.of(HostArray.of(new float[] {1, 2, 3, -1, 0, 1}, 2, 3), HostArray.of(new long[] {0, 1}, 2))
                .with(Optimizer.LEARNING_RATE, HostArray.scalar(0.1f));
        model.trainStep(Optim.sgd(0.1), b -> Loss.crossEntropy().compute(model.forward(b.x()), b.y())).run(batch);
        float[] afterTf = model.parameters().get(0).toHost().toFloatArray().clone();
        Backends.use("torch");
        assertArrayEquals(afterTf, model.parameters().get(0).toHost().toFloatArray(), "the torch copy starts from the tf values");
        model.trainStep(Optim.sgd(0.1), b -> Loss.crossEntropy().compute(model.forward(b.x()), b.y())).run(batch);
        float[] afterTorch = model.parameters().get(0).toHost().toFloatArray().clone();
        Backends.use("tf");
        assertArrayEquals(afterTorch, model.parameters().get(0).toHost().toFloatArray(), "and back");
    }

    @Test void aTorchTensorGivenToTfOpsSaysHowToConvertIt() {
        Backends.use("torch");
        var torchTensor = io.juxta.frameworks.Ops.tensor(new float[] {1, 2}, 2);
        Backends.use("tf");
        var tfTensor = io.juxta.frameworks.Ops.tensor(new float[] {3, 4}, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> Backends.current().ops().add(tfTensor, torchTensor));
        assertTrue(e.getMessage().contains("Ops.tensor(t.toHost())"), e.getMessage());
        var converted = io.juxta.frameworks.Ops.tensor(torchTensor.toHost());
        assertArrayEquals(new float[] {4, 6}, Backends.current().ops().add(tfTensor, converted).toFloatArray());
    }

    @Test void aTfStepThatNeedsANewTraceWhileTorchIsSelectedSaysWhatToDo() {
        Backends.use("tf");
        Model model = Model.of(Linear.of(3, 2));
        TrainStep step = model.trainStep(Optim.sgd(0.1), b -> Loss.crossEntropy().compute(model.forward(b.x()), b.y()));
        HostBatch batch = HostBatch.of(HostArray.of(new float[6], 2, 3), HostArray.of(new long[2], 2));
        step.run(batch);
        Backends.use("torch");
        var e = assertThrows(IllegalStateException.class, () -> step.run(HostBatch.of(HostArray.of(new int[6], 2, 3), HostArray.of(new long[2], 2))));
        assertTrue(e.getMessage().contains("run %tf"), e.getMessage());
        assertEquals("torch", Backends.currentName());
    }
}
