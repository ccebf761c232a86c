package io.qiaoban.rule.expression;

import io.qiaoban.core.expression.ExpressionException;

/**
 * The time and read budget of one evaluation. Expressions have no loops, so their work is bounded by
 * their size and by what they read; the checks sit where work happens (every function call, every
 * large read, every sixteenth small read), never on a separate watchdog thread.
 */
final class EvaluationBudget {
    private final long deadline;
    private final long budgetMillis;
    private final long maxRead;
    private long read;
    private int ticks;

    EvaluationBudget(SandboxLimits limits) {
        this.budgetMillis = limits.timeBudgetMillis();
        this.deadline = System.nanoTime() + limits.timeBudgetNanos();
        this.maxRead = limits.maxReadSize();
    }

    /** A cheap step: the clock is read every sixteenth call. */
    void tick() {
        if ((++ticks & 15) == 0) {
            checkTime();
        }
    }

    void checkTime() {
        if (System.nanoTime() - deadline > 0) {
            throw new ExpressionException("expression.timeout", -1, budgetMillis);
        }
    }

    /** Counts a value read (or built by a function) against the read budget. */
    void charge(Object value) {
        long size = Values.size(value);
        read += size;
        if (read > maxRead) {
            throw new ExpressionException("expression.tooLarge", -1, maxRead);
        }
        if (size > 1024) {
            checkTime();
        } else {
            tick();
        }
    }
}
