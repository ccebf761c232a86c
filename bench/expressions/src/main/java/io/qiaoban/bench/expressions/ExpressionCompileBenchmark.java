package io.qiaoban.bench.expressions;

import io.qiaoban.core.expression.ExpressionContextType;
import io.qiaoban.rule.expression.ExpressionSandbox;
import io.qiaoban.rule.expression.FunctionLibrary;
import io.qiaoban.rule.expression.SandboxLimits;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.mvel2.MVEL;
import org.mvel2.ParserContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Compiling a typical condition: the sandbox (parse + allowlist walk, no cache) against MVEL's compiler alone. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ExpressionCompileBenchmark {
    ExpressionSandbox uncached;
    ExpressionContextType type;
    ParserContext parser;

    @Setup
    public void setUp() throws Exception {
        uncached = new ExpressionSandbox(FunctionLibrary.builtin(), SandboxLimits.DEFAULTS, 0);
        type = ExpressionSandbox.sampleType(Customers.customer(), Set.of());
        parser = new ParserContext();
        parser.addImport("daysSince", Customers.class.getMethod("daysSince", Object.class));
        parser.addImport("count", Customers.class.getMethod("count", Object.class));
    }

    @Benchmark
    public Object sandboxCompile() {
        return uncached.compile(Customers.CONDITION, type);
    }

    @Benchmark
    public Object plainMvelCompile() {
        return MVEL.compileExpression(Customers.PLAIN_CONDITION, parser);
    }
}
