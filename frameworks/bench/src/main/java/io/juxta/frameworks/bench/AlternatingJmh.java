package io.juxta.frameworks.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * {@link MlpStepBench} with its forks alternated: JMH runs all forks of one benchmark before the next, so a shared
 * machine's drift over the minute between them falls on one side of the API/direct ratio (three plain runs gave
 * 1.03–1.11 on torch). Here each round runs one JMH fork of the direct loop and one of the portable API back to back,
 * in alternating order, per backend; the ratio of each pair's medians (p50 of JMH's sample-time distribution) is
 * taken, and the median over rounds reported.
 *
 * <pre>
 * java -jar juxta-frameworks-bench.jar alternating [rounds] [backend,...]
 * </pre>
 */
public final class AlternatingJmh {
    private AlternatingJmh() {}

    public static void main(String[] args) throws RunnerException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> backends = List.of((args.length > 1 ? args[1] : "torch,tf").split(","));
        for (String backend : backends) {
            List<Double> ratios = new ArrayList<>();
            System.out.printf(Locale.ROOT, "%n%s: one JMH fork each (warm-up 3 x 2 s, measurement 5 x 2 s), p50 in µs%n", backend);
            System.out.println("| round | direct | portable API | API / direct |");
            System.out.println("|---:|---:|---:|---:|");
            for (int round = 1; round <= rounds; round++) {
                boolean directFirst = round % 2 == 1;
                double first = p50(directFirst ? "direct" : "portableApi", backend);
                double second = p50(directFirst ? "portableApi" : "direct", backend);
                double direct = directFirst ? first : second;
                double api = directFirst ? second : first;
                ratios.add(api / direct);
                System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.3f |%n", round, direct, api, api / direct);
            }
            System.out.printf(Locale.ROOT, "%s: median API / direct over %d rounds: %.3f (range %.3f–%.3f)%n", backend, rounds,
                    Interleaved.medianOf(ratios.stream().mapToDouble(Double::doubleValue).toArray()), Collections.min(ratios), Collections.max(ratios));
        }
    }

    private static double p50(String method, String backend) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(MlpStepBench.class.getName() + "\\." + method + "$")
                .param("backend", backend)
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2))
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        if (results.size() != 1) {
            throw new IllegalStateException("expected one JMH result for " + method + " on " + backend + ", got " + results.size());
        }
        return results.iterator().next().getPrimaryResult().getStatistics().getPercentile(50);
    }
}
