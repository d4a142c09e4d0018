package io.juxta.frameworks.torch;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.HostBatch;
import io.juxta.frameworks.Ops;
import io.juxta.frameworks.Rng;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.Variable;
import io.juxta.frameworks.nn.Linear;
import io.juxta.frameworks.nn.Loss;
import io.juxta.frameworks.nn.Model;
import io.juxta.frameworks.spi.TrainStep;
import io.juxta.frameworks.train.Optim;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The step's fast paths (kept input buffers, in-place updates) give the same numbers as the plain ones. */
class StepFastPathTest {
    @BeforeAll static void select() { Backends.use("torch"); }

    private static HostBatch batch(long seed, int rows) {
        float[] x = Reference.random(seed, rows * 3);
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) y[i] = (int) Math.floorMod(seed + i, 2);
        return HostBatch.of(HostArray.of(x, rows, 3), HostArray.of(y));
    }

    private static Linear model() {
        Rng.seed(5);
        return Linear.of(3, 2);
    }

    @Test void aReusedStepSeesEachNewBatchIncludingAChangedShape() {
        Linear reused = model();
        TrainStep one = Model.of(reused).trainStep(Optim.sgd(0.1), b -> Loss.crossEntropy().compute(reused.forward(b.x()), b.y()));
        HostBatch[] batches = {batch(1, 4), batch(2, 4), batch(3, 3), batch(4, 4)};
        double[] losses = new double[batches.length];
        for (int i = 0; i < batches.length; i++) losses[i] = one.run(batches[i]).loss();

        // the same updates, each from a freshly compiled step (fresh buffers every time)
        Linear fresh = model();
        for (int i = 0; i < batches.length; i++) {
            TrainStep s = Model.of(fresh).trainStep(Optim.sgd(0.1), b -> Loss.crossEntropy().compute(fresh.forward(b.x()), b.y()));
            assertEquals(losses[i], s.run(batches[i]).loss(), 0.0, "loss of step " + i);
        }
        assertArrayEquals(fresh.weight().toHost().toFloatArray(), reused.weight().toHost().toFloatArray(), 0f);
    }

    @Test void assignSubEqualsAssigningTheDifference() {
        float[] start = Reference.random(7, 6), delta = Reference.random(8, 6);
        Variable inPlace = Variable.state("a", HostArray.of(start.clone(), 2, 3));
        Variable assigned = Variable.state("b", HostArray.of(start.clone(), 2, 3));
        Tensor d = Ops.tensor(HostArray.of(delta, 2, 3));
        inPlace.assignSub(d);
        assigned.assign(assigned.value().sub(d));
        assertArrayEquals(assigned.toHost().toFloatArray(), inPlace.toHost().toFloatArray(), 0f);
    }

    @Test void assignSubScaledIsTheScaledSubtractionWithinAnUlp() {
        float[] start = Reference.random(9, 6), delta = Reference.random(10, 6);
        Variable fused = Variable.state("f", HostArray.of(start.clone(), 2, 3));
        Tensor d = Ops.tensor(HostArray.of(delta, 2, 3)), lr = Ops.tensor(HostArray.scalar(0.37f));
        fused.assignSubScaled(d, lr);
        float[] got = fused.toHost().toFloatArray();
        for (int i = 0; i < 6; i++) {
            float want = start[i] - 0.37f * delta[i];
            assertEquals(want, got[i], 2 * Math.ulp(want), "element " + i);
        }
        var e = assertThrows(IllegalArgumentException.class, () -> fused.assignSubScaled(d, Ops.tensor(new float[]{1, 2})));
        assertEquals("assignSubScaled needs a scalar scale, got shape [2]", e.getMessage());
    }

    @Test void aClosedStepReleasesItsBuffersAndRunsAgainWithNewOnes() {
        Linear a = model(), b = model();
        TrainStep closed = Model.of(a).trainStep(Optim.sgd(0.1), x -> Loss.crossEntropy().compute(a.forward(x.x()), x.y()));
        TrainStep open = Model.of(b).trainStep(Optim.sgd(0.1), x -> Loss.crossEntropy().compute(b.forward(x.x()), x.y()));
        for (int i = 0; i < 3; i++) {
            if (i == 1) closed.close();
            assertEquals(open.run(batch(20 + i, 4)).loss(), closed.run(batch(20 + i, 4)).loss(), 0.0, "step " + i);
        }
        closed.close();
        closed.close();     // idempotent
        assertArrayEquals(b.weight().toHost().toFloatArray(), a.weight().toHost().toFloatArray(), 0f);
    }

    @Test void assignSubRejectsAnotherShape() {
        Variable v = Variable.state("v", HostArray.of(new float[6], 2, 3));
        var e = assertThrows(IllegalArgumentException.class, () -> v.assignSub(Ops.tensor(new float[]{1, 2, 3})));
        assertEquals("Cannot subtract shape [3] from variable 'v' of shape [2, 3]", e.getMessage());
    }
}
