package io.qiaoban.rule.expression;

import io.qiaoban.core.expression.ExpressionContext;
import io.qiaoban.core.expression.ExpressionException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.mvel2.integration.VariableResolver;
import org.mvel2.integration.VariableResolverFactory;
import org.mvel2.integration.impl.StackResetResolverFactory;

/**
 * The only variable source an expression runs with: the context's values (read-only), the declared
 * outputs (the only names an expression may assign), "now", and the budget of this evaluation. MVEL
 * reaches variables through this factory; the sandbox's own accessors read {@link #read} directly.
 */
final class SandboxVariables implements VariableResolverFactory {
    private final Map<String, Object> values;
    private final Set<String> outputNames;
    private Map<String, Object> outputs; // most expressions assign nothing: made on the first assignment
    private final Instant now;
    private final ZoneId zone;
    private final java.util.UUID userId;
    private final EvaluationBudget budget;

    SandboxVariables(ExpressionContext context, Set<String> outputNames, SandboxLimits limits) {
        this.values = context.variables() == null ? Map.of() : context.variables();
        this.outputNames = outputNames;
        this.now = context.now() == null ? Instant.now() : context.now();
        this.zone = context.zone();
        this.userId = context.userId();
        this.budget = new EvaluationBudget(limits);
    }

    /** The factory an accessor was called with, if it is ours; a foreign one means a misuse. */
    static SandboxVariables of(VariableResolverFactory factory) {
        // MVEL wraps the factory it was given (to reset its stack between statements)
        for (int hops = 0; hops < 8; hops++) {
            if (factory instanceof SandboxVariables variables) {
                return variables;
            }
            if (!(factory instanceof StackResetResolverFactory reset)) {
                break;
            }
            factory = reset.getDelegate();
        }
        throw new ExpressionException("expression.sandbox", -1);
    }

    Object read(String name) {
        Object value = outputs != null && outputs.containsKey(name) ? outputs.get(name)
                : values.containsKey(name) ? Values.normalize(values.get(name))
                : "now".equals(name) ? now
                : "user".equals(name) ? (userId == null ? null : Map.of("id", userId.toString())) : null;
        budget.charge(value);
        return value;
    }

    Instant now() {
        return now;
    }

    ZoneId zone() {
        return zone;
    }

    EvaluationBudget budget() {
        return budget;
    }

    Map<String, Object> outputs() {
        return outputs == null ? Map.of() : Collections.unmodifiableMap(outputs);
    }

    @Override
    public VariableResolver createVariable(String name, Object value) {
        if (!outputNames.contains(name)) {
            throw new ExpressionException("expression.assignment", -1, name);
        }
        Object normalized = Values.normalize(value);
        budget.charge(normalized);
        if (outputs == null) {
            outputs = new LinkedHashMap<>();
        }
        outputs.put(name, normalized);
        return new Output(name, normalized);
    }

    @Override
    public VariableResolver createVariable(String name, Object value, Class<?> type) {
        return createVariable(name, value);
    }

    @Override
    public VariableResolver createIndexedVariable(int index, String name, Object value) {
        return createVariable(name, value);
    }

    @Override
    public VariableResolver createIndexedVariable(int index, String name, Object value, Class<?> type) {
        return createVariable(name, value);
    }

    @Override
    public VariableResolver setIndexedVariableResolver(int index, VariableResolver resolver) {
        throw new ExpressionException("expression.sandbox", -1);
    }

    @Override
    public VariableResolverFactory getNextFactory() {
        return null;
    }

    @Override
    public VariableResolverFactory setNextFactory(VariableResolverFactory factory) {
        throw new ExpressionException("expression.sandbox", -1);
    }

    @Override
    public VariableResolver getVariableResolver(String name) {
        if (!isResolveable(name)) {
            throw new ExpressionException("expression.unknownName", -1, name);
        }
        return new Output(name, read(name));
    }

    @Override
    public VariableResolver getIndexedVariableResolver(int index) {
        throw new ExpressionException("expression.sandbox", -1);
    }

    @Override
    public boolean isTarget(String name) {
        return outputNames.contains(name);
    }

    @Override
    public boolean isResolveable(String name) {
        return outputs != null && outputs.containsKey(name) || values.containsKey(name) || "now".equals(name)
                || "user".equals(name);
    }

    @Override
    public Set<String> getKnownVariables() {
        return values.keySet();
    }

    @Override
    public int variableIndexOf(String name) {
        return -1;
    }

    @Override
    public boolean isIndexedFactory() {
        return false;
    }

    @Override
    public boolean tiltFlag() {
        return false;
    }

    @Override
    public void setTiltFlag(boolean flag) {
        // no MVEL control flow runs in the sandbox
    }

    /** A resolved variable: what MVEL's assignment node gets back; writing through it goes through the checks. */
    private final class Output implements VariableResolver {
        private final String name;
        private final Object value;

        Output(String name, Object value) {
            this.name = name;
            this.value = value;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Class getType() {
            return Object.class;
        }

        @Override
        public void setStaticType(Class type) {
            // types are the sandbox's, not MVEL's
        }

        @Override
        public int getFlags() {
            return 0;
        }

        @Override
        public Object getValue() {
            return value;
        }

        @Override
        public void setValue(Object value) {
            createVariable(name, value);
        }
    }
}
