package io.qiaoban.form.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.qiaoban.core.expression.CompiledExpression;
import io.qiaoban.core.expression.ExpressionContext;
import io.qiaoban.core.expression.ExpressionException;
import io.qiaoban.core.expression.ExpressionService;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.form.schema.ExpressionNames;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldTypes;
import io.qiaoban.form.schema.FormSchema;
import io.qiaoban.form.schema.FormulaContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * A field's validation rule: a condition the designer writes with the expression service over the
 * record's fields ({@code validation.rule}, e.g. "折扣 <= 0.3" or "endDate >= startDate"), and the
 * message shown under the field when a value breaks it ({@code validation.message}). A rule is checked
 * when its field and every other field it names have values (an empty one is for "required" to
 * refuse: "end >= start" says nothing while start is empty), after computed fields, on every create
 * and import, and on an update that changes one of those fields. A rule that fails to evaluate does
 * not refuse the record either.
 */
@ApplicationScoped
public class FieldRules {
    private static final Logger LOG = Logger.getLogger(FieldRules.class);

    private final ExpressionService expressions;
    private final FormulaContext formulas = new FormulaContext(FieldTypes.standard());
    /** compiled once per cached published version */
    private final Cache<FormSchema, Map<String, CompiledExpression>> compiled = Caffeine.newBuilder().weakKeys().build();

    FieldRules(ExpressionService expressions) {
        this.expressions = expressions;
    }

    public static boolean hasRule(FieldDefinition field) {
        return field.limit("rule").isTextual() && !field.limit("rule").asText().isBlank();
    }

    /**
     * @param changed the fields an update changed; null on a create (every rule applies)
     * @throws ProblemException 400 with an error under each field whose rule the record breaks
     */
    public void check(FormSchema schema, ObjectNode data, Set<String> changed, Instant now, ZoneId zone, UUID userId) {
        if (schema.fields().stream().noneMatch(FieldRules::hasRule)) {
            return;
        }
        Map<String, Object> variables = null;
        List<FieldError> errors = new ArrayList<>();
        for (FieldDefinition field : schema.fields()) {
            JsonNode value = data.get(field.key());
            if (!hasRule(field) || value == null || value.isNull()) {
                continue;
            }
            Set<String> named = named(field, schema);
            if ((changed != null && !changed.contains(field.key()) && named.stream().noneMatch(changed::contains))
                    || named.stream().anyMatch(k -> data.get(k) == null || data.get(k).isNull())) {
                continue;
            }
            if (variables == null) {
                variables = formulas.variables(schema, data);
            }
            try {
                CompiledExpression rule = compiled.get(schema, s -> new ConcurrentHashMap<>()).computeIfAbsent(field.key(),
                        k -> expressions.compile(field.limit("rule").asText(), formulas.typeFor(schema, schema.fields().size())));
                if (Boolean.FALSE.equals(expressions.evaluate(rule, new ExpressionContext(variables, now, zone, userId)))) {
                    String message = field.limit("message").asText("").strip();
                    errors.add(message.isEmpty() ? FieldError.of(field.key(), "form.value.rule")
                            : FieldError.of(field.key(), "form.value.ruleMessage", message));
                }
            } catch (ExpressionException e) {
                LOG.debugf("Rule of %s in form %s not evaluated: %s", field.key(), schema.key(), e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", errors);
        }
    }

    /** The other fields of the form the rule of {@code field} names. */
    private static Set<String> named(FieldDefinition field, FormSchema schema) {
        Set<String> named = new HashSet<>();
        for (String name : ExpressionNames.in(field.limit("rule").asText())) {
            if (!name.equals(field.key()) && schema.field(name).isPresent()) {
                named.add(name);
            }
        }
        return named;
    }
}
