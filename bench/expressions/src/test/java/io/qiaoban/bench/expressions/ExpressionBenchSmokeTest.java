package io.qiaoban.bench.expressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Runs each benchmark body once at a tiny size, and checks both sides compute the same thing. */
class ExpressionBenchSmokeTest {

    @Test
    void sandboxAndPlainMvelAgree() throws Exception {
        ExpressionEvaluationBenchmark b = new ExpressionEvaluationBenchmark();
        b.setUp();
        assertEquals(Boolean.TRUE, b.sandboxedCondition());
        assertEquals(b.plainMvelCondition(), b.sandboxedCondition());
        assertEquals(0, ((BigDecimal) b.plainMvelFormula()).compareTo((BigDecimal) b.sandboxedFormula()),
                b.plainMvelFormula() + " vs " + b.sandboxedFormula());
    }

    @Test
    void compileBenchmarksRun() throws Exception {
        ExpressionCompileBenchmark b = new ExpressionCompileBenchmark();
        b.setUp();
        assertTrue(b.sandboxCompile() != b.sandboxCompile(), "no cache: each call compiles");
        b.plainMvelCompile();
    }

    @Test
    void theCacheMixReportsAHitRate() {
        CacheMix.Result result = CacheMix.run(1_000, 5_000, 10_000);
        assertTrue(result.hitRate() > 0 && result.hitRate() < 1, String.valueOf(result.hitRate()));
    }
}
