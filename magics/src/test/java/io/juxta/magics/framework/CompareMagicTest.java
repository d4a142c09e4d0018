package io.juxta.magics.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.Rng;
import io.juxta.kernel.api.CellError;
import io.juxta.magics.MagicsHarness;
import io.juxta.toolkit.compare.BackendRun;
import io.juxta.toolkit.compare.ComparisonReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CompareMagicTest {
    private MagicsHarness magics;

    @BeforeEach
    void setUp() {
        FakeBackends.register();
        magics = new MagicsHarness();
    }

    @AfterEach
    void tearDown() {
        magics.close();
    }

    @Test
    void runsTheCellOnEachBackendWithTheSameSeedAndWarmUpApart() throws CellError {
        Backends.use("beta");
        System.setProperty("juxta.test.runs", "0");
        magics.run("%%compare --backends alpha,beta --runs 3 --warmup 2 --seed 5\n"
                + "System.setProperty(\"juxta.test.runs\", String.valueOf(Integer.getInteger(\"juxta.test.runs\") + 1));\n"
                + "Math.sqrt(2)");
        ComparisonReport report = ComparisonReport.last();
        assertEquals(10, Integer.getInteger("juxta.test.runs"));
        for (String name : new String[] {"alpha", "beta"}) {
            BackendRun run = report.run(name);
            assertTrue(run.ok(), run.error());
            assertEquals(3, run.seconds().size());
            assertEquals(2, run.warmupSeconds().size());
            assertEquals(3, run.cpuSeconds().size());
            assertEquals(Math.sqrt(2), (Double) run.value(), 0);
            assertEquals(name + " 1.0 (1 thread)", run.version());
            assertEquals(5L, FakeBackends.SEEDS.get(name));
        }
        assertEquals(5L, Rng.currentSeed());
        assertEquals(true, report.agrees().orElseThrow());
        assertEquals("beta", Backends.currentName(), "the session's backend is restored");
        assertEquals("beta", System.getProperty("juxta.test.backend"), "beta ran last");
        assertEquals("%%compare: alpha warm-up run 1/2 (1 of 10 runs)", magics.session.displays.get(0).get("text/plain"));
        String text = (String) magics.session.displays.get(1).get("text/plain");
        assertTrue(text.contains("agreement: agree"), text);
    }

    @Test
    void warmUpsComeFirstThenTimedRunsAlternateBetweenBackends() throws CellError {
        System.setProperty("juxta.test.order", "");
        magics.run("%%compare --backends alpha,beta --runs 2 --warmup 1\n"
                + "{ System.setProperty(\"juxta.test.order\", System.getProperty(\"juxta.test.order\") + System.getProperty(\"juxta.test.backend\").charAt(0)); }");
        assertEquals("ababab", System.getProperty("juxta.test.order"), "warm-up a, warm-up b, then a b, a b");
        assertEquals("(no value)", ComparisonReport.last().run("alpha").valueText());
    }

    @Test
    void whatTheCellPrintsIsShownOncePerBackendUnderItsName() throws Exception {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        java.io.PrintStream stderr = System.err;
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        System.setErr(System.out);
        try {
            magics.run("%%compare --backends alpha,beta --runs 3 --warmup 1\n"
                    + "System.out.println(\"on \" + System.getProperty(\"juxta.test.backend\"));\n"
                    + "System.err.println(\"warned\");\n"
                    + "java.io.PrintStream kept = System.out;\n"
                    + "1");
            magics.run("kept.println(\"after the runs\");"); // a stream the cell kept still writes
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        assertEquals("── alpha ──\non alpha\nwarned\n── beta ──\non beta\nwarned\n"
                + "── 6 later runs printed too; each backend's output is shown from its first run only\n"
                + "after the runs\n",
                printed.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(System.out == stdout && System.err == stderr, "the streams are given back");
    }

    @Test
    void aFailingBackendFillsItsColumnAndTheOtherStillRuns() throws CellError {
        magics.run("%%compare --backends beta,alpha --warmup 0\n"
                + "if (System.getProperty(\"juxta.test.backend\").equals(\"beta\")) throw new IllegalStateException(\"beta is broken\");\n"
                + "6 * 7");
        ComparisonReport report = ComparisonReport.last();
        BackendRun beta = report.run("beta");
        assertTrue(beta.error().startsWith("run 1 failed: "), beta.error());
        assertTrue(beta.error().contains("beta is broken"), beta.error());
        assertNull(beta.value());
        assertEquals(42, report.value("alpha"));
        assertEquals("not compared: fewer than two backends ran", report.verdict());
    }

    @Test
    void aCellThatFailsOnEveryBackendIsAnErrorAfterItsReport() {
        CellError e = magics.fails("%%compare --backends alpha,beta --warmup 0\nint q = \"abc\";");
        assertEquals("CompareFailed", e.ename());
        assertTrue(e.evalue().contains("failed on alpha and beta"), e.evalue());
        assertTrue(ComparisonReport.last().run("alpha").error().contains("incompatible types"), ComparisonReport.last().run("alpha").error());
    }

    @Test
    void cellsThatWouldRunOneLibraryInEveryColumnAreRefused() {
        CellError magic = magics.fails("%%compare --backends alpha,beta\n%tf\nMath.sqrt(2)");
        assertEquals("UsageError", magic.ename());
        assertTrue(magic.evalue().contains("the %tf line in it would switch every run to one"), magic.evalue());
        CellError own = magics.fails("%%compare --backends alpha,beta\norg.bytedeco.pytorch.global.torch.ones(2)");
        assertTrue(own.evalue().contains("calls PyTorch's own API"), own.evalue());
        assertTrue(magics.fails("%%compare --backends alpha,beta\nvar g = new org.tensorflow.Graph();").evalue()
                .contains("calls TensorFlow's own API"));
        CompareMagic.checkBody("// unlike org.tensorflow's conv2d\nString s = \"%tf\";\n/* org.bytedeco.pytorch */ char c = '\\'';\n"
                + "String t = \"\"\"\n%torch\n\"\"\";\nMath.sqrt(2)"); // only comments and strings name them: accepted
    }

    @Test
    void randomOpsOnBackendsWithoutParityAreAnExpectedDifference() throws CellError {
        magics.run("%%compare --backends alpha,beta --warmup 0\n"
                + "double rand = System.getProperty(\"juxta.test.backend\").equals(\"beta\") ? 0.25 : 0.75;\nrand");
        assertTrue(ComparisonReport.last().verdict().startsWith("differ, as expected: the cell uses backend random ops"),
                ComparisonReport.last().verdict());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertTrue(magics.fails("%%compare --backends alpha,jax\n1").evalue().contains("unknown backend 'jax' in --backends: available are"));
        assertTrue(magics.fails("%%compare --backends alpha,alpha\n1").evalue().contains("names alpha twice"));
        assertTrue(magics.fails("%%compare --backends alpha --runs 0\n1").evalue().contains("--runs must be at least 1"));
        assertTrue(magics.fails("%%compare --backends alpha -o 2x\n1").evalue().contains("-o takes a Java variable name"));
        assertTrue(magics.fails("%%compare --backends alpha\n").evalue().contains("the cell is empty"));
        assertEquals("UsageError", magics.fails("%compare 1").ename());
    }

    @Test
    void anInterruptedCompareDoesNotSayItRanEveryBackend() {
        magics.session.interrupted = true; // as if the user pressed stop while the first backend ran
        try {
            CellError e = magics.fails("%%compare --backends alpha,beta --warmup 0\nthrow new IllegalStateException(\"stopped\");");
            assertEquals("Interrupted", e.ename());
            assertTrue(e.evalue().contains("while running on alpha"), e.evalue());
        } finally {
            magics.session.interrupted = false;
        }
        String last = ((io.juxta.kernel.api.MimeBundle) magics.session.updates.get("display-1")).get("text/plain").toString();
        assertTrue(last.startsWith("%%compare stopped after "), last);
        assertTrue(!last.contains("ran alpha and beta"), last);
    }
}
