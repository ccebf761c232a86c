package io.qiaoban.bench.expressions;

import io.qiaoban.core.expression.CompiledExpression;
import io.qiaoban.core.expression.ExpressionContext;
import io.qiaoban.core.expression.ExpressionContextType;
import io.qiaoban.rule.expression.ExpressionSandbox;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
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

/**
 * The same compiled expressions evaluated by the sandbox and by plain MVEL (compiled, the library
 * functions imported as static methods, no checks): the reference the sandbox must stay within 0.8x of.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ExpressionEvaluationBenchmark {
    ExpressionSandbox sandbox;
    CompiledExpression sandboxedCondition;
    CompiledExpression sandboxedFormula;
    ExpressionContext context;
    Serializable plainCondition;
    Serializable plainFormula;
    Map<String, Object> variables;

    @Setup
    public void setUp() throws Exception {
        sandbox = ExpressionSandbox.withDefaults();
        ExpressionContextType type = ExpressionSandbox.sampleType(Customers.customer(), Set.of());
        sandboxedCondition = sandbox.compile(Customers.CONDITION, type);
        sandboxedFormula = sandbox.compile(Customers.FORMULA, type);
        context = new ExpressionContext(Customers.customer(), Customers.NOW);
        ParserContext parser = new ParserContext();
        parser.addImport("daysSince", Customers.class.getMethod("daysSince", Object.class));
        parser.addImport("count", Customers.class.getMethod("count", Object.class));
        parser.addImport("round", Customers.class.getMethod("round", Object.class, Object.class));
        plainCondition = MVEL.compileExpression(Customers.PLAIN_CONDITION, parser);
        plainFormula = MVEL.compileExpression(Customers.PLAIN_FORMULA, parser);
        variables = new HashMap<>(Customers.customer());
    }

    @Benchmark
    public Object sandboxedCondition() {
        return sandbox.evaluate(sandboxedCondition, context);
    }

    @Benchmark
    public Object plainMvelCondition() {
        return MVEL.executeExpression(plainCondition, variables);
    }

    @Benchmark
    public Object sandboxedFormula() {
        return sandbox.evaluate(sandboxedFormula, context);
    }

    @Benchmark
    public Object plainMvelFormula() {
        return MVEL.executeExpression(plainFormula, variables);
    }
}
