package io.qiaoban.rule.expression;

import io.qiaoban.core.expression.CompiledExpression;
import io.qiaoban.core.expression.ExpressionContext;
import io.qiaoban.core.expression.ExpressionContextType;
import io.qiaoban.core.expression.ExpressionService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The platform's {@link ExpressionService}: the MVEL sandbox with limits from configuration. */
@ApplicationScoped
public class MvelExpressionService implements ExpressionService {
    private final ExpressionSandbox sandbox;

    MvelExpressionService(
            @ConfigProperty(name = "qiaoban.expressions.time-budget", defaultValue = "50ms") Duration timeBudget,
            @ConfigProperty(name = "qiaoban.expressions.max-source-length", defaultValue = "4000") int maxSourceLength,
            @ConfigProperty(name = "qiaoban.expressions.max-nesting", defaultValue = "32") int maxNesting,
            @ConfigProperty(name = "qiaoban.expressions.max-read-size", defaultValue = "2000000") long maxReadSize,
            @ConfigProperty(name = "qiaoban.expressions.cache-size", defaultValue = "10000") int cacheSize) {
        this.sandbox = new ExpressionSandbox(FunctionLibrary.builtin(),
                new SandboxLimits(timeBudget, maxSourceLength, maxNesting, maxReadSize), cacheSize);
    }

    @Override
    public CompiledExpression compile(String source, ExpressionContextType contextType) {
        return sandbox.compile(source, contextType);
    }

    @Override
    public Evaluation run(CompiledExpression expression, ExpressionContext context) {
        return sandbox.run(expression, context);
    }

    public ExpressionSandbox sandbox() {
        return sandbox;
    }
}
