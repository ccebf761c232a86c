package io.qiaoban.rule.expression;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.qiaoban.core.expression.CompiledExpression;
import io.qiaoban.core.expression.ExpressionContext;
import io.qiaoban.core.expression.ExpressionContextType;
import io.qiaoban.core.expression.ExpressionException;
import io.qiaoban.core.expression.ExpressionService;
import java.util.List;
import java.util.Map;
import org.mvel2.CompileException;

/**
 * The sandboxed expression language, without CDI: compile (cached by source and context type),
 * then evaluate within the time and read budget. {@link MvelExpressionService} is its bean.
 */
public class ExpressionSandbox implements ExpressionService {
    private record Key(String source, ExpressionContextType type) {
    }

    private final SandboxCompiler compiler;
    private final SandboxLimits limits;
    private final FunctionLibrary functions;
    private final Cache<Key, SandboxedExpression> cache;

    public ExpressionSandbox(FunctionLibrary functions, SandboxLimits limits, int cacheSize) {
        this.functions = functions;
        this.limits = limits;
        this.compiler = new SandboxCompiler(functions, limits);
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).recordStats().build();
    }

    public static ExpressionSandbox withDefaults() {
        return new ExpressionSandbox(FunctionLibrary.builtin(), SandboxLimits.DEFAULTS, 10_000);
    }

    @Override
    public CompiledExpression compile(String source, ExpressionContextType contextType) {
        Key key = new Key(source, contextType);
        SandboxedExpression cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        // refused expressions are not cached: each attempt is checked (and reported) again
        SandboxedExpression compiled = compiler.compile(source, contextType);
        cache.put(key, compiled);
        return compiled;
    }

    @Override
    public Evaluation run(CompiledExpression expression, ExpressionContext context) {
        if (!(expression instanceof SandboxedExpression sandboxed)) {
            throw new IllegalArgumentException("Not compiled by this sandbox: " + expression);
        }
        SandboxVariables variables = new SandboxVariables(context, sandboxed.contextType().outputs(), limits);
        Object value;
        try {
            value = sandboxed.statement().getValue(null, null, variables);
        } catch (ExpressionException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new ExpressionException("expression.tooDeep", -1, limits.maxNesting());
        } catch (RuntimeException e) {
            throw translate(e);
        }
        return new Evaluation(Values.normalize(value), variables.outputs());
    }

    /** Failures raised by MVEL's own operators (a text compared with a number, a division by zero...). */
    private static ExpressionException translate(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ExpressionException x) {
                return x;
            }
            if (t instanceof ArithmeticException a) {
                return new ExpressionException("expression.arithmetic", -1, String.valueOf(a.getMessage()));
            }
        }
        String reason = e instanceof CompileException c ? firstLine(c.getMessage()) : e.getClass().getSimpleName();
        return new ExpressionException("expression.evaluation", -1, reason);
    }

    private static String firstLine(String message) {
        String m = String.valueOf(message);
        int start = m.indexOf("[Error: ");
        int end = start < 0 ? -1 : m.indexOf(']', start);
        String line = start >= 0 && end > start ? m.substring(start + 8, end) : m.split("\n", 2)[0];
        // MVEL names Java types in its messages; the user knows numbers and texts
        line = line.replace("java.lang.", "").replace("java.math.", "").replace("java.time.", "").replace("java.util.", "");
        return line.length() > 160 ? line.substring(0, 160) : line;
    }

    public List<ExpressionFunction> functions() {
        return functions.all();
    }

    public SandboxLimits limits() {
        return limits;
    }

    public CacheStats cacheStats() {
        return cache.stats();
    }

    /** Context types of sample values, as the formula editor sends them: names known, types open. */
    public static ExpressionContextType sampleType(Map<String, Object> sample, java.util.Set<String> outputs) {
        Map<String, Class<?>> types = new java.util.LinkedHashMap<>();
        sample.forEach((name, value) -> types.put(name, value instanceof Map<?, ?> ? Map.class
                : value instanceof List<?> ? List.class : Object.class));
        return new ExpressionContextType(types, outputs);
    }
}
