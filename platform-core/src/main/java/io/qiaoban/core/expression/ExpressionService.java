package io.qiaoban.core.expression;

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

    /** Evaluates a compiled expression against concrete values. */
    Object evaluate(CompiledExpression expression, ExpressionContext context);
}
