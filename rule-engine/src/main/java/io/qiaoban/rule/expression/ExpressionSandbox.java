package io.qiaoban.rule.expression;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.qiaoban.core.expression.CompiledExpression;
import io.qiaoban.core.expression.ExpressionContext;
import io.qiaoban.core.expression.ExpressionContextType;
import io.qiaoban.core.expression.ExpressionException;
import io.qiaoban.core.expression.ExpressionService;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        // eviction on the caller's thread: the cache never holds more than its size, even for a moment
        this.cache = cacheSize <= 0 ? null
                : Caffeine.newBuilder().maximumSize(cacheSize).executor(Runnable::run).recordStats().build();
        warmUp();
    }

    /**
     * Loads and links what evaluations use (java.time, BigDecimal arithmetic, every library function)
     * once, without a time budget: otherwise the first evaluations after start-up pay for class
     * loading and could run past their budget.
     */
    private void warmUp() {
        SandboxLimits generous = new SandboxLimits(Duration.ofSeconds(30), 100_000, limits.maxNesting(), limits.maxReadSize());
        Map<String, Object> sample = new HashMap<>();
        sample.put("xs", List.of(Map.of("amount", BigDecimal.ONE, "paidAt", "2026-01-01")));
        sample.put("d0", LocalDate.of(2026, 1, 1));
        sample.put("s", " Ab ");
        String everyFunction = "daysSince(d0) + daysBetween(d0, today()) + monthOf(addDays(d0, 1)) + yearOf(d0)"
                + " + sum(xs, 'amount') + count(xs) + ifNull(avg(xs, 'amount'), 0) + max(xs, 'amount') + min(xs, 'amount')"
                + " + round(1.25, 1) + floor(1.5) + ceil(1.5) + abs(0 - 1) + len(s) > 0 && contains(s, 'A')"
                + " && startsWith(trim(s), 'A') && upper(s) != lower(s) && concat(s, 'x') != substr(s, 1, 2)"
                + " && !isEmpty(s) && max(xs, 'paidAt') != null ? 1.5 * 2 / 3 % 2 - 1 : 0";
        try {
            SandboxedExpression compiled = new SandboxCompiler(functions, generous)
                    .compile(everyFunction, sampleType(sample, Set.of()));
            compiled.statement().getValue(null, null,
                    new SandboxVariables(new ExpressionContext(sample, Instant.now()), Set.of(), generous));
        } catch (RuntimeException e) {
            throw new IllegalStateException("The expression sandbox failed its own warm-up", e);
        }
    }

    public static ExpressionSandbox withDefaults() {
        return new ExpressionSandbox(FunctionLibrary.builtin(), SandboxLimits.DEFAULTS, 10_000);
    }

    @Override
    public CompiledExpression compile(String source, ExpressionContextType contextType) {
        Key key = null;
        if (cache != null) {
            key = new Key(source, contextType);
            SandboxedExpression cached = cache.getIfPresent(key);
            if (cached != null) {
                return cached;
            }
        }
        // MVEL falls back to the thread's context class loader (initialising the class!) when the
        // configured one finds nothing: while MVEL runs, that loader finds nothing either
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SandboxCompiler.NoClasses.INSTANCE);
        try {
            // refused expressions are not cached: each attempt is checked (and reported) again
            SandboxedExpression compiled = compiler.compile(source, contextType);
            if (cache != null) {
                cache.put(key, compiled);
            }
            return compiled;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public Evaluation run(CompiledExpression expression, ExpressionContext context) {
        if (!(expression instanceof SandboxedExpression sandboxed)) {
            throw new IllegalArgumentException("Not compiled by this sandbox: " + expression);
        }
        SandboxVariables variables = new SandboxVariables(context, sandboxed.contextType().outputs(), limits);
        Object value;
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SandboxCompiler.NoClasses.INSTANCE);
        try {
            value = sandboxed.statement().getValue(null, null, variables);
        } catch (ExpressionException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new ExpressionException("expression.tooDeep", -1, limits.maxNesting());
        } catch (RuntimeException e) {
            throw translate(e);
        } finally {
            thread.setContextClassLoader(previous);
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
        String reason = e instanceof CompileException c ? SandboxCompiler.reason(c) : e.getClass().getSimpleName();
        return new ExpressionException("expression.evaluation", -1, reason);
    }

    /** Whether a name can be a declared output: a plain name, 64 characters at most. */
    public static boolean isOutputName(String name) {
        return name != null && name.length() <= 64 && SandboxCompiler.isPlainName(name);
    }

    public List<ExpressionFunction> functions() {
        return functions.all();
    }

    public SandboxLimits limits() {
        return limits;
    }

    public CacheStats cacheStats() {
        return cache == null ? CacheStats.empty() : cache.stats();
    }

    /** Context types of sample values, as the formula editor sends them: names known, types open. */
    public static ExpressionContextType sampleType(Map<String, Object> sample, Set<String> outputs) {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        sample.forEach((name, value) -> types.put(name, value instanceof Map<?, ?> ? Map.class
                : value instanceof List<?> ? List.class : Object.class));
        return new ExpressionContextType(types, outputs);
    }
}
