package io.qiaoban.rule.expression;

import java.time.Duration;

/**
 * What one expression may cost: its evaluation time, the length of its source, how deeply it nests,
 * and how many characters (or list elements) it may read in one evaluation. Reading is what every
 * value an expression builds comes from (there are no loops), so bounding reads bounds memory.
 */
public record SandboxLimits(Duration timeBudget, int maxSourceLength, int maxNesting, long maxReadSize) {
    public static final SandboxLimits DEFAULTS = new SandboxLimits(Duration.ofMillis(50), 4_000, 32, 2_000_000);

    long timeBudgetNanos() {
        return timeBudget.toNanos();
    }

    long timeBudgetMillis() {
        return timeBudget.toMillis();
    }
}
