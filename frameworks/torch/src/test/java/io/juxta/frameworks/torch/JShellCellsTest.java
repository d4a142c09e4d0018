package io.juxta.frameworks.torch;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.*;

/**
 * Cells as the kernel runs them: JShell's local engine, one snippet at a time, every cell on a new thread.
 * Tensors and models made in one cell must work in the next.
 */
class JShellCellsTest {
    private static String run(JShell js, String cell) {
        StringBuilder values = new StringBuilder();
        for (String rest = cell; !rest.isBlank(); ) {
            var info = js.sourceCodeAnalysis().analyzeCompletion(rest);
            for (SnippetEvent e : js.eval(info.source())) {
                if (e.exception() != null) throw new AssertionError("cell failed: " + info.source(), e.exception());
                if (e.status() == Snippet.Status.REJECTED) {
                    throw new AssertionError("rejected: " + info.source() + " " + js.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList());
                }
                if (e.value() != null) values.append(e.value()).append('\n');
            }
            rest = info.remaining();
        }
        return values.toString();
    }

    @Test void designCellsRunAcrossThreads() {
        try (JShell js = JShell.builder().executionEngine("local")
                .compilerOptions("--class-path", System.getProperty("java.class.path")).build()) {
            run(js, "import io.juxta.frameworks.*; import io.juxta.frameworks.nn.*; import io.juxta.frameworks.train.*;");
            run(js, "Backends.use(\"torch\"); Rng.seed(0);");
            String shown = run(js, "var x = Ops.tensor(new float[]{1, 2, 3, 4}, 2, 2); x");
            assertTrue(shown.startsWith("tensor([[1.0000, 2.0000],"), shown);
            assertTrue(run(js, "x.matmul(x).sum().item()").startsWith("54.0"), "a tensor from the previous cell");
            run(js, """
                    float[] xs = new float[200 * 2]; int[] ys = new int[200];
                    for (int i = 0; i < 200; i++) { xs[2 * i] = i % 2 == 0 ? 1f : -1f; xs[2 * i + 1] = (i % 7) / 7f; ys[i] = i % 2; }
                    var data = Dataset.of(HostArray.of(xs, 200, 2), HostArray.of(ys));
                    var model = Sequential.of(Linear.of(2, 8), ReLU.of(), Linear.of(8, 2));
                    """);
            String history = run(js, "var history = model.fit(data, Loss.crossEntropy(), Optim.adam(1e-2), Fit.epochs(3).batch(32).metrics(Metric.accuracy())); history");
            assertTrue(history.startsWith("History(backend=torch, 3 epochs"), history);
            String acc = run(js, "model.evaluate(data, Loss.crossEntropy(), Metric.accuracy()).get(\"accuracy\")");
            assertTrue(Double.parseDouble(acc.strip()) > 0.9, "accuracy " + acc);
            String error = assertThrows(AssertionError.class, () -> run(js, "Linear.of(3, 2).forward(x)")).getCause().getMessage();
            assertTrue(error.contains("use Linear.of(2, 2)"), error);
        }
    }

    @Test void cellsRunOnFreshThreads() {
        try (JShell js = JShell.builder().executionEngine("local").compilerOptions("--class-path", System.getProperty("java.class.path")).build()) {
            String a = run(js, "Thread.currentThread().getId()"), b = run(js, "Thread.currentThread().getId()");
            assertNotEquals(a, b, "the premise of the cross-thread test");
        }
    }
}
