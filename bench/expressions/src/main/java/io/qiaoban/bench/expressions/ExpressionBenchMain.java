package io.qiaoban.bench.expressions;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the expression benchmarks on one thread and prints each figure beside its plain-MVEL
 * reference and the ratio, then the cache mix. {@code quick} shortens the iterations.
 */
public final class ExpressionBenchMain {
    private ExpressionBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("quick");
        Options options = new OptionsBuilder()
                .include(ExpressionEvaluationBenchmark.class.getSimpleName())
                .include(ExpressionCompileBenchmark.class.getSimpleName())
                .threads(1).forks(1)
                .warmupIterations(quick ? 2 : 5).warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 3 : 8).measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .jvmArgsAppend("-Xms1g", "-Xmx1g")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> scores = new TreeMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            scores.put(name.substring(name.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
        }
        System.out.println();
        System.out.println("== Sandboxed vs plain compiled MVEL, one thread ==");
        ratio("condition (5 fields, 2 functions)", scores.get("sandboxedCondition"), scores.get("plainMvelCondition"), "evals/s");
        ratio("formula (money, 1 function)", scores.get("sandboxedFormula"), scores.get("plainMvelFormula"), "evals/s");
        System.out.printf(Locale.ROOT, "%-40s sandbox %10.1f us   plain MVEL %10.1f us   sandbox/plain %.2fx%n",
                "compile a condition (no cache)", scores.get("sandboxCompile"), scores.get("plainMvelCompile"),
                scores.get("sandboxCompile") / scores.get("plainMvelCompile"));
        System.out.println();
        System.out.println("== Compile cache under 1,000 distinct rules (Zipf-like mix) ==");
        for (int cacheSize : new int[] {10_000, 500, 100}) {
            CacheMix.Result mix = CacheMix.run(1_000, quick ? 100_000 : 1_000_000, cacheSize);
            System.out.printf(Locale.ROOT, "cache size %6d: %,d requests, hit rate %.2f%%, mean compile() %.2f us%n",
                    mix.cacheSize(), mix.requests(), mix.hitRate() * 100, mix.meanMicros());
        }
    }

    private static void ratio(String what, double sandboxed, double plain, String unit) {
        System.out.printf(Locale.ROOT, "%-40s sandbox %,14.0f %s   plain MVEL %,14.0f %s   ratio %.2fx%n",
                what, sandboxed, unit, plain, unit, sandboxed / plain);
    }
}
