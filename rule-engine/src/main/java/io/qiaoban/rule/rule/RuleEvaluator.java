package io.qiaoban.rule.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiaoban.core.expression.CompiledExpression;
import io.qiaoban.core.expression.ConfigFormulas;
import io.qiaoban.core.expression.ExpressionContext;
import io.qiaoban.core.expression.ExpressionContextType;
import io.qiaoban.core.expression.ExpressionException;
import io.qiaoban.core.expression.ExpressionService;
import io.qiaoban.rule.rule.RuleDefinition.RuleAction;
import io.qiaoban.rule.rule.RuleDefinition.TestCase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a rule against one payload without acting: the condition, then each action's config
 * with its "=" expressions replaced by their values. Used alike by real runs, dry runs and test
 * cases, so what the test console shows is what a run does.
 *
 * <p>What a rule can read: the payload's fields (for record events, the record's fields, from
 * {@code payload.data}) at the top level, {@code event} (type, id, occurredAt, payload) and
 * {@code now}. The names are declared by the rule's test cases: a condition naming a field that no
 * test case shows is refused when the rule is saved, like a typo would be.
 */
@ApplicationScoped
public class RuleEvaluator {
    private final ExpressionService expressions;
    private final ObjectMapper json;

    RuleEvaluator(ExpressionService expressions, ObjectMapper json) {
        this.expressions = expressions;
        this.json = json;
    }

    /** The result of evaluating a rule: {@code error} and {@code errorField} are set when an expression failed. */
    public record Evaluation(Boolean conditionValue, boolean matched, List<RuleAction> actions, ExpressionException error,
            String errorField) {
    }

    /** Facts about the event being handled, if any. */
    public record EventFacts(Long id, String type, Instant occurredAt) {
        static final EventFacts NONE = new EventFacts(null, null, null);
    }

    public ExpressionContextType contextType(RuleDefinition rule) {
        Map<String, Class<?>> names = new LinkedHashMap<>();
        for (TestCase testCase : rule.testCases()) {
            if (testCase.payload() != null) {
                variables(testCase.payload(), EventFacts.NONE, Instant.EPOCH).forEach((name, value) -> names.merge(name,
                        typeOf(value), (a, b) -> a == b ? a : Object.class));
            }
        }
        names.put("event", Map.class);
        return new ExpressionContextType(names, java.util.Set.of());
    }

    private static Class<?> typeOf(Object value) {
        return value instanceof Map<?, ?> ? Map.class : value instanceof List<?> ? List.class : Object.class;
    }

    /** The variables of one evaluation. */
    public Map<String, Object> variables(Map<String, Object> payload, EventFacts event, Instant now) {
        Map<String, Object> variables = new LinkedHashMap<>();
        Map<String, Object> safePayload = payload == null ? Map.of() : payload;
        safePayload.forEach((k, v) -> {
            if (!k.startsWith("_")) {
                variables.put(k, v);
            }
        });
        if (safePayload.get("data") instanceof Map<?, ?> data) {
            data.forEach((k, v) -> variables.put(String.valueOf(k), v));
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("type", event.type());
        facts.put("id", event.id());
        facts.put("occurredAt", event.occurredAt() == null ? null : event.occurredAt().toString());
        facts.put("payload", safePayload);
        variables.put("event", facts);
        return variables;
    }

    /** Compiles every expression of a rule; the first failure names its field ("condition", "actions[0].config.x"). */
    public void check(RuleDefinition rule) throws FieldExpressionException {
        ExpressionContextType type = contextType(rule);
        if (!rule.condition().isBlank()) {
            compile("condition", rule.condition(), type);
        }
        for (int i = 0; i < rule.actions().size(); i++) {
            ConfigFormulas.forEach(rule.actions().get(i).config(), "actions[" + i + "].config",
                    (field, source) -> compile(field, source, type));
        }
    }

    public Evaluation evaluate(RuleDefinition rule, Map<String, Object> payload, EventFacts event, Instant now) {
        ExpressionContextType type = contextType(rule);
        ExpressionContext context = new ExpressionContext(variables(payload, event, now), now);
        String field = "condition";
        Boolean value = null;
        try {
            if (rule.condition().isBlank()) {
                value = true;
            } else {
                Object result;
                try {
                    result = expressions.evaluate(compile(field, rule.condition(), type), context);
                } catch (ExpressionException e) {
                    throw new FieldExpressionException(field, e);
                }
                if (!(result instanceof Boolean b)) {
                    throw new FieldExpressionException(field, new ExpressionException("rule.conditionNotBoolean", -1,
                            io.qiaoban.rule.expression.Values.typeName(result)));
                }
                value = b;
            }
            if (!value) {
                return new Evaluation(false, false, rule.actions(), null, null);
            }
            List<RuleAction> resolved = new ArrayList<>();
            for (int i = 0; i < rule.actions().size(); i++) {
                RuleAction action = rule.actions().get(i);
                field = "actions[" + i + "].config";
                resolved.add(new RuleAction(action.action(), resolve(action.config(), field, type, context)));
            }
            return new Evaluation(true, true, resolved, null, null);
        } catch (FieldExpressionException e) {
            return new Evaluation(value, false, rule.actions(), e.expressionError(), e.field());
        }
    }

    private CompiledExpression compile(String field, String source, ExpressionContextType type) throws FieldExpressionException {
        try {
            return expressions.compile(source, type);
        } catch (ExpressionException e) {
            throw new FieldExpressionException(field, e);
        }
    }

    private JsonNode resolve(JsonNode config, String field, ExpressionContextType type, ExpressionContext context)
            throws FieldExpressionException {
        return ConfigFormulas.resolve(config, field, (at, source) -> {
            try {
                return json.valueToTree(expressions.evaluate(compile(at, source, type), context));
            } catch (ExpressionException e) {
                throw new FieldExpressionException(at, e);
            }
        });
    }

    /** Like a spreadsheet cell: a text starting with "=" is a formula ("==" escapes a literal "="). */
    static boolean isFormula(String text) {
        return ConfigFormulas.isFormula(text);
    }

    /** An expression error and the field of the rule it is in. */
    public static final class FieldExpressionException extends Exception {
        private final String field;
        private final ExpressionException error;

        FieldExpressionException(String field, ExpressionException error) {
            super(field + ": " + error.getMessage(), null, false, false);
            this.field = field;
            this.error = error;
        }

        public String field() {
            return field;
        }

        public ExpressionException expressionError() {
            return error;
        }
    }
}
