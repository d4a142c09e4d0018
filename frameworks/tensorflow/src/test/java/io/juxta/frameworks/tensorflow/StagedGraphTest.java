package io.juxta.frameworks.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** Variables of the staged graph: lazy host loads, reads, writes, and the upstream walk used to pick gradients. */
class StagedGraphTest {

    @Test void variablesAddedAfterTheSessionStartedAreLoadedBeforeTheNextRun() {
        try (StagedGraph g = new StagedGraph()) {
            StagedVariable a = g.addParameter("a", new float[] {1, 2, 3}, 3);
            assertArrayEquals(new float[] {1, 2, 3}, g.read(a));
            StagedVariable b = g.addParameter("b", new float[] {4, 5}, 2);     // the session exists already
            Operand<TFloat32> sum = g.ops().math.add(g.ops().sum(a.value(), g.ops().constant(0)), g.ops().sum(b.value(), g.ops().constant(0)));
            try (Result r = g.session().runner().fetch(sum).run()) {
                assertEquals(15f, ((TFloat32) r.get(0)).getFloat());
            }
        }
    }

    @Test void writeReplacesValuesAndChecksTheShape() {
        try (StagedGraph g = new StagedGraph()) {
            StagedVariable w = g.addParameter("w", new float[] {1, 2, 3, 4}, 2, 2);
            g.write(w, new float[] {9, 8, 7, 6});
            assertArrayEquals(new float[] {9, 8, 7, 6}, g.read(w));
            var e = assertThrows(IllegalArgumentException.class, () -> g.write(w, HostTensors.floats(new float[] {1, 2, 3, 4, 5, 6}, 3, 2)));
            assertTrue(e.getMessage().contains("shape"), e.getMessage());
        }
    }

    @Test void integerVariablesAndForeignVariables() {
        try (StagedGraph g = new StagedGraph(); StagedGraph other = new StagedGraph()) {
            StagedVariable steps = g.addVariable("steps", TInt64.class, HostTensors.longs(new long[] {41}, 1));
            assertArrayEquals(new float[] {41}, g.read(steps));
            assertEquals(TInt64.class, steps.type());
            StagedVariable foreign = other.addParameter("x", new float[] {1}, 1);
            assertThrows(IllegalArgumentException.class, () -> g.read(foreign));
        }
    }

    @Test void upstreamOfFindsExactlyTheReadsALossDependsOn() {
        try (StagedGraph g = new StagedGraph()) {
            StagedVariable used = g.addParameter("used", new float[] {1}, 1), unused = g.addParameter("unused", new float[] {2}, 1);
            Operand<TFloat32> loss = g.ops().math.square(g.ops().sum(used.value(), g.ops().constant(0)));
            var up = StagedGraph.upstreamOf(loss);
            assertTrue(up.contains(used.value().op()));
            assertTrue(!up.contains(unused.value().op()));
        }
    }
}
