package io.qiaoban.core.expression;

import java.util.Map;

/**
 * Compiles and evaluates the sandboxed expressions users write (conditions, formulas, computed
 * measures). rule-engine provides the implementation on MVEL; forms, flows and reports use it.
 * Implementations refuse at compile time anything outside their allowlist and bound evaluation in
 * time and memory.
 */
public interface ExpressionService {
    /**
     * Checks and compiles an expression for a context shape; the result is cached by the service and
     * safe to evaluate from many threads.
     *
     * @throws ExpressionException naming the refused construct and its position
     */
    CompiledExpression compile(String source, ExpressionContextType contextType);

    /**
     * Evaluates a compiled expression against concrete values, returning its value and what it
     * assigned to the declared outputs.
     *
     * @throws ExpressionException when evaluation fails or runs past its time or size budget
     */
    Evaluation run(CompiledExpression expression, ExpressionContext context);

    /** Evaluates a compiled expression against concrete values. */
    default Object evaluate(CompiledExpression expression, ExpressionContext context) {
        return run(expression, context).value();
    }

    /** The value of an expression and the declared outputs it assigned, by name. */
    record Evaluation(Object value, Map<String, Object> outputs) {
    }
}
