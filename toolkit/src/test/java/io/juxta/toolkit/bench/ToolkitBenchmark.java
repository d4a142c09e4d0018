package io.juxta.toolkit.bench;

import io.juxta.toolkit.data.FashionMnist;
import io.juxta.toolkit.plot.Plots;
import io.juxta.toolkit.progress.Progress;
import io.juxta.toolkit.progress.ProgressSurface;
import io.juxta.toolkit.render.ChartRenderer;
import io.juxta.toolkit.render.ImageRenderer;
import io.juxta.toolkit.render.TableRenderer;
import io.juxta.toolkit.timing.Bench;
import io.juxta.toolkit.timing.TimedCode;
import io.juxta.toolkit.timing.TimingResult;
import io.juxta.kernel.api.MimeBundle;
import java.util.Random;
import java.util.stream.IntStream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Prints how long the toolkit's own work takes, measured with its own {@link Bench}. Not a test:
 * run it with {@code java -cp <test and runtime class path> io.juxta.toolkit.bench.ToolkitBenchmark}.
 */
public final class ToolkitBenchmark {
    private ToolkitBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Random random = new Random(1);
        double[] curve = random.doubles(1000).toArray();
        int[] actual = IntStream.range(0, 10_000).map(i -> random.nextInt(10)).toArray();
        int[] predicted = IntStream.range(0, 10_000).map(i -> random.nextBoolean() ? actual[i] : random.nextInt(10)).toArray();
        String[] names = FashionMnist.CLASS_NAMES.toArray(new String[0]);
        Table table = Table.create("big", IntColumn.create("id", IntStream.range(0, 100_000).toArray()),
                DoubleColumn.create("value", random.doubles(100_000).toArray()));
        float[][] images = new float[64][784];
        Progress progress = Progress.builder().epochs(1000).stepsPerEpoch(1000).batchSize(64).metric("accuracy")
                .surface(new ProgressSurface() {
                    @Override
                    public String show(MimeBundle bundle) {
                        return "id";
                    }

                    @Override
                    public void update(String displayId, MimeBundle bundle) {}
                }).build();

        System.out.printf("%-48s %s%n", "operation", "time (IPython %timeit format)");
        row("Bench: empty lambda, per loop", Bench.create().run(() -> {}));
        row("Plots.line 1000 points -> PNG 640x400", Bench.create().repeats(5).run(() -> ChartRenderer.pngBundle(Plots.line(curve))));
        row("Plots.line 1000 points -> SVG", Bench.create().repeats(5).run(() -> ChartRenderer.svgBundle(Plots.line(curve))));
        row("Plots.confusion 10x10 (10k labels) -> PNG", Bench.create().repeats(5).run(() ->
                ChartRenderer.pngBundle(Plots.confusion(actual, predicted, names))));
        row("Plots.images 64 x 28x28 -> PNG", Bench.create().repeats(5).run(() ->
                new ImageRenderer().render(Plots.images(images))));
        row("Tablesaw 100k rows -> HTML + text (head/tail)", Bench.create().repeats(5).run(() -> new TableRenderer().render(table)));
        row("Progress.step (rate-limited, no chart)", Bench.create().run(() -> progress.step(0.5, 0.9)));
        if (FashionMnist.SYSTEM_DIR.toFile().isDirectory()) {
            TimedCode load = () -> FashionMnist.load(FashionMnist.SYSTEM_DIR);
            row("FashionMnist.load (60k+10k, gzip IDX)", Bench.create().loops(1).repeats(3).run(load));
        }
    }

    private static void row(String name, TimingResult result) {
        System.out.printf("%-48s %s%n", name, result);
    }
}
