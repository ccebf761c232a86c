package io.qiaoban.bench.expressions;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.qiaoban.core.expression.ExpressionContextType;
import io.qiaoban.rule.expression.ExpressionSandbox;
import io.qiaoban.rule.expression.FunctionLibrary;
import io.qiaoban.rule.expression.SandboxLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * 1,000 distinct rule conditions asked for in a skewed mix (a few rules fire most often, as in a
 * shop), through the compile cache: its hit rate and the mean cost of a compile() call.
 */
public final class CacheMix {
    /** What one mix gave. */
    public record Result(int distinct, int requests, int cacheSize, double hitRate, double meanMicros) {
    }

    private CacheMix() {
    }

    public static List<String> rules(int distinct) {
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < distinct; i++) {
            sources.add("totalSpend > " + (1000 + i) + " && daysSince(lastOrderDate) < " + (7 + i % 90)
                    + " && count(orders) >= " + (1 + i % 5));
        }
        return sources;
    }

    public static Result run(int distinct, int requests, int cacheSize) {
        ExpressionSandbox sandbox = new ExpressionSandbox(FunctionLibrary.builtin(), SandboxLimits.DEFAULTS, cacheSize);
        ExpressionContextType type = ExpressionSandbox.sampleType(Customers.customer(), Set.of());
        List<String> sources = rules(distinct);
        SplittableRandom random = new SplittableRandom(42);
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            // Zipf-like: rank r is asked for with weight 1/r
            int rank = (int) Math.min(distinct - 1, Math.floor(Math.pow(distinct + 1.0, random.nextDouble())) - 1);
            sandbox.compile(sources.get(rank), type);
        }
        double micros = (System.nanoTime() - start) / 1_000.0 / requests;
        CacheStats stats = sandbox.cacheStats();
        // Caffeine evicts asynchronously: stats are read after the run
        return new Result(distinct, requests, cacheSize, stats.hitRate(), micros);
    }
}
