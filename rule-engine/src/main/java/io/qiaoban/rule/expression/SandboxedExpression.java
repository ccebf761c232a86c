package io.qiaoban.rule.expression;

import io.qiaoban.core.expression.CompiledExpression;
import io.qiaoban.core.expression.ExpressionContextType;
import org.mvel2.compiler.ExecutableStatement;

/** A checked expression: MVEL's compiled tree with the sandbox's accessors installed on it. */
record SandboxedExpression(String source, ExpressionContextType contextType, ExecutableStatement statement,
        Class<?> resultType) implements CompiledExpression {
}
