package io.juxta.toolkit.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.train.History;
import io.juxta.toolkit.HostTensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgreementTest {
    @Test
    void tensorsOfTwoBackendsGiveTheLargestAbsoluteAndRelativeDifference() {
        HostTensor torch = new HostTensor(HostArray.of(new float[] {1, 2, 4, 0}, 2, 2), "torch");
        HostTensor tf = new HostTensor(HostArray.of(new float[] {1, 2.5f, 4, 0}, 2, 2), "tf");
        List<Agreement.Difference> d = Agreement.compare(torch, tf);
        assertEquals(1, d.size());
        assertEquals("value tensor [2, 2]", d.get(0).what());
        assertEquals(0.5, d.get(0).maxAbs(), 1e-9);
        assertEquals(0.2, d.get(0).maxRel(), 1e-9);
        assertFalse(d.get(0).close());
        assertTrue(Agreement.compare(torch, torch).get(0).close());
    }

    @Test
    void smallFloatDifferencesAreCloseAndShapesMustMatch() {
        Agreement.Difference close = Agreement.compare(new double[] {1.0, 1e-7}, new double[] {1.0000001, 2e-7}).get(0);
        assertTrue(close.close(), close.toString());
        Agreement.Difference shapes = Agreement.compare(HostArray.of(new float[4], 2, 2), HostArray.of(new float[4], 4)).get(0);
        assertFalse(shapes.comparable());
        assertEquals("shapes [2, 2] and [4]", shapes.note());
    }

    @Test
    void historiesCompareTheirLossAndMetricCurves() {
        History a = new History("torch");
        History b = new History("tf");
        a.recordStep(2.0, 1);
        b.recordStep(2.0001, 1);
        a.recordEpoch(new History.Epoch(0, 2.0, Map.of("accuracy", 0.5), Map.of(), 1));
        b.recordEpoch(new History.Epoch(0, 2.0001, Map.of("accuracy", 0.75), Map.of(), 1));
        List<Agreement.Difference> d = Agreement.compare(a, b);
        assertEquals(List.of("value loss per step", "value accuracy per epoch"), d.stream().map(Agreement.Difference::what).toList());
        assertTrue(d.get(0).close());
        assertEquals(0.25, d.get(1).maxAbs(), 1e-12);
    }

    @Test
    void aFrozenModelKeepsItsWeightsWhenTheModelTrainsOn() {
        io.juxta.frameworks.Rng.seed(1);
        io.juxta.frameworks.nn.Linear model = io.juxta.frameworks.nn.Linear.of(3, 2);
        Object before = Agreement.freeze(model);
        io.juxta.frameworks.Variable weight = model.namedVariables().values().iterator().next();
        weight.load(HostArray.filled(io.juxta.frameworks.DType.FLOAT32, 9, weight.shape()));
        List<Agreement.Difference> d = Agreement.compare(before, model);
        assertEquals(1, d.size());
        assertTrue(d.get(0).what().startsWith("value weights (2 variables)"), d.get(0).what());
        assertFalse(d.get(0).close());
        assertTrue(Agreement.compare(model, Agreement.freeze(model)).get(0).close());
        assertTrue(Agreement.freeze(HostTensor.of(new float[] {1, 2})) instanceof HostArray);
    }

    @Test
    void mapsListsNumbersAndTextsArePairedUp() {
        List<Agreement.Difference> d = Agreement.compare(Map.of("loss", 1.0, "name", "x"), Map.of("loss", 1.5, "name", "x"));
        assertEquals(2, d.size());
        assertTrue(d.stream().anyMatch(x -> x.what().equals("value[loss]") && x.maxAbs() == 0.5));
        assertTrue(d.stream().anyMatch(x -> x.what().equals("value[name]") && x.close()));
        assertFalse(Agreement.compare("a", "b").get(0).comparable());
        assertFalse(Agreement.compare(1.0, "1.0x").get(0).comparable());
        assertEquals(1.0, Agreement.compare(List.of(1, 2), List.of(1, 3)).get(0).maxAbs());
    }

    @Test
    void aNanOnOneSideIsCountedAndSaidNotFoldedIntoTheLargestDifference() {
        Agreement.Difference d = Agreement.compare(new double[] {1.0, 2.0, Double.NaN, 4.0}, new double[] {Double.NaN, 2.5, Double.NaN, 4.0}).get(0);
        assertFalse(d.close());
        assertEquals(1, d.nanOnOneSide());
        assertEquals(0.5, d.maxAbs(), 1e-12);
        assertEquals(0.2, d.maxRel(), 1e-12);
        assertEquals("value: max abs 0.500, max rel 0.200, NaN on one side only at 1 value (differs)", d.toString());
        Agreement.Difference inf = Agreement.compare(1.0, Double.POSITIVE_INFINITY).get(0);
        assertEquals("value: max abs Infinity, max rel Infinity (differs)", inf.toString());
        assertTrue(Agreement.compare(Double.NaN, Double.NaN).get(0).close(), "NaN on both sides agrees");
    }
}
