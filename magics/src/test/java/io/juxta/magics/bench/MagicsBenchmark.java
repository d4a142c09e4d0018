package io.juxta.magics.bench;

import io.juxta.magics.CellSplitter;
import io.juxta.magics.MagicsHarness;
import io.juxta.magics.deps.MavenResolver;
import io.juxta.magics.deps.MavenSettings;
import io.juxta.magics.spec.ArgParser;
import io.juxta.toolkit.timing.Bench;
import io.juxta.toolkit.timing.TimingResult;
import java.util.List;

/**
 * Prints what the magics cost: parsing, splitting a cell, the floor of %timeit, a warm %maven.
 * Run: {@code java -cp <test classpath> io.juxta.magics.bench.MagicsBenchmark [group:artifact:version]}.
 */
public final class MagicsBenchmark {
    public static void main(String[] args) throws Exception {
        try (MagicsHarness magics = new MagicsHarness()) {
            var timeit = magics.registry.find("timeit").orElseThrow().spec();
            row("parse '%timeit -n 5 -r 3 -o list.sort(null)'", Bench.create().call(() -> ArgParser.parse(timeit, "-n 5 -r 3 -o list.sort(null)")));

            StringBuilder cell = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                cell.append("int v").append(i).append(" = ").append(i).append(";\n");
                if (i == 9) {
                    cell.append("%env STEP=10\n");
                }
            }
            cell.append("!true\nv19");
            var splitter = new CellSplitter(java -> !magics.session.jshell().sourceCodeAnalysis().analyzeCompletion(java).completeness().isComplete());
            row("split a 22-line cell with 2 magic lines", Bench.create().loops(50).call(() -> splitter.split(cell.toString())));

            magics.session.eval("long counter = 0;");
            TimingResult floor = (TimingResult) magics.run("%timeit -o -q -n 1000000 counter++");
            row("%timeit floor: one loop of 'counter++'", floor);

            if (args.length > 0) {
                MavenResolver resolver = new MavenResolver(MavenSettings.forUser());
                long start = System.nanoTime();
                resolver.resolve(List.of(args), false);
                System.out.printf("%-48s %s%n", "%maven " + args[0] + " (first, in a fresh JVM)", (System.nanoTime() - start) / 1_000_000 + " ms");
                row("%maven " + args[0] + " (warm)", Bench.create().repeats(3).call(() -> resolver.resolve(List.of(args), false)));
            }
        }
    }

    private static void row(String what, TimingResult result) {
        System.out.printf("%-48s %s%n", what, result);
    }
}
