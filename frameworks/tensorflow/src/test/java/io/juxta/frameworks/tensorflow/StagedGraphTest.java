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
    static StagedVariable floats(StagedGraph g, String name, float[] values, long... shape) {
        return g.addVariable(name, TFloat32.class, HostTensors.floats(values, shape));
    }

    static float[] read(StagedGraph g, StagedVariable v) { return g.readWith(v, HostTensors::toFloats); }

    @Test void variablesAddedAfterTheSessionStartedAreLoadedBeforeTheNextRun() {
        try (StagedGraph g = new StagedGraph()) {
            StagedVariable a = floats(g, "a", new float[] {1, 2, 3}, 3);
            assertArrayEquals(new float[] {1, 2, 3}, read(g, a));
            StagedVariable b = floats(g, "b", new float[] {4, 5}, 2);     // the session exists already
            Operand<TFloat32> sum = g.ops().math.add(g.ops().sum(a.value(), g.ops().constant(0)), g.ops().sum(b.value(), g.ops().constant(0)));
            try (Result r = g.session().runner().fetch(sum).run()) {
                assertEquals(15f, ((TFloat32) r.get(0)).getFloat());
            }
        }
    }

    @Test void writeReplacesValuesAndChecksTheShape() {
        try (StagedGraph g = new StagedGraph()) {
            StagedVariable w = floats(g, "w", new float[] {1, 2, 3, 4}, 2, 2);
            try (TFloat32 v = HostTensors.floats(new float[] {9, 8, 7, 6}, 2, 2)) {
                g.write(w, v);
            }
            assertArrayEquals(new float[] {9, 8, 7, 6}, read(g, w));
            TFloat32 wrong = HostTensors.floats(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
            var e = assertThrows(IllegalArgumentException.class, () -> g.write(w, wrong));
            wrong.close();
            assertTrue(e.getMessage().contains("shape"), e.getMessage());
        }
    }

    @Test void integerVariablesAndForeignVariables() {
        try (StagedGraph g = new StagedGraph(); StagedGraph other = new StagedGraph()) {
            StagedVariable steps = g.addVariable("steps", TInt64.class, HostTensors.longs(new long[] {41}, 1));
            assertArrayEquals(new float[] {41}, read(g, steps));
            assertEquals(TInt64.class, steps.type());
            StagedVariable foreign = floats(other, "x", new float[] {1}, 1);
            assertThrows(IllegalArgumentException.class, () -> read(g, foreign));
        }
    }

    @Test void upstreamOfFindsExactlyTheReadsALossDependsOn() {
        try (StagedGraph g = new StagedGraph()) {
            StagedVariable used = floats(g, "used", new float[] {1}, 1), unused = floats(g, "unused", new float[] {2}, 1);
            Operand<TFloat32> loss = g.ops().math.square(g.ops().sum(used.value(), g.ops().constant(0)));
            var up = StagedGraph.upstreamOf(loss);
            assertTrue(up.contains(used.value().op()));
            assertTrue(!up.contains(unused.value().op()));
        }
    }
}
