package io.qiaoban.form.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiaoban.core.expression.CompiledExpression;
import io.qiaoban.core.expression.ExpressionException;
import io.qiaoban.core.expression.ExpressionService;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldTypes;
import io.qiaoban.form.schema.FormSchema;
import io.qiaoban.form.schema.FormSchemaValidator;
import io.qiaoban.form.schema.FormulaContext;
import io.qiaoban.form.schema.NulCharacters;
import io.qiaoban.form.schema.Storage;
import io.qiaoban.form.schema.types.ReferenceType;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything a form definition must satisfy before it is saved: the schema on its own, its formulas
 * (compiled by the expression service, errors pointing into the expression) and its references to
 * other forms of the app (relations, lookups, rollups).
 */
@ApplicationScoped
public class FormChecks {
    private final FormRepository forms;
    private final ExpressionService expressions;
    private final FieldTypes types = FieldTypes.standard();
    private final FormSchemaValidator validator = new FormSchemaValidator(types);
    private final FormulaContext formulas = new FormulaContext(types);
    private final ObjectMapper json;

    FormChecks(FormRepository forms, ExpressionService expressions, ObjectMapper json) {
        this.forms = forms;
        this.expressions = expressions;
        this.json = json;
    }

    /** @throws ProblemException 400 listing every problem, each with the path of the field it concerns */
    public void check(UUID workspaceId, UUID appId, FormSchema schema) throws SQLException {
        NulCharacters.refuse(json.valueToTree(schema), "");
        List<FieldError> errors = new ArrayList<>(validator.validate(schema));
        if (errors.isEmpty()) {
            for (int i = 0; i < schema.fields().size(); i++) {
                FieldDefinition field = schema.fields().get(i);
                String at = "fields[" + i + "].options.";
                checkRule(schema, i, field, errors);
                switch (field.type()) {
                    case "formula" -> checkFormula(schema, i, field, errors);
                    case "relation" -> target(workspaceId, appId, schema, field.option("form").asText(), at + "form", errors);
                    case "lookup" -> checkLookup(workspaceId, appId, schema, field, at, errors);
                    case "rollup" -> checkRollup(workspaceId, appId, schema, field, at, errors);
                    default -> {
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", errors);
        }
    }

    /** A validation rule: a condition over the record's fields (all of them, computed ones too), and a short message. */
    private void checkRule(FormSchema schema, int index, FieldDefinition field, List<FieldError> errors) {
        String at = "fields[" + index + "].validation.";
        JsonNode rule = field.limit("rule");
        JsonNode message = field.limit("message");
        if (!message.isMissingNode() && !message.isNull() && (!message.isTextual() || message.asText().length() > 200)) {
            errors.add(FieldError.of(at + "message", "form.def.ruleMessage", 200));
        }
        if (rule.isMissingNode() || rule.isNull() || (rule.isTextual() && rule.asText().isBlank())) {
            return;
        }
        if (!rule.isTextual() || rule.asText().length() > 2000) {
            errors.add(FieldError.of(at + "rule", "form.def.ruleText", 2000));
            return;
        }
        if (types.find(field.type()).map(t -> t.computed()).orElse(true)) {
            errors.add(FieldError.of(at + "rule", "form.def.ruleOnComputed"));
            return;
        }
        try {
            CompiledExpression compiled = expressions.compile(rule.asText(), formulas.typeFor(schema, schema.fields().size()));
            Class<?> result = compiled.resultType();
            if (result != null && result != Object.class && result != Boolean.class && result != boolean.class) {
                errors.add(FieldError.of(at + "rule", "form.def.ruleNotCondition"));
            }
        } catch (ExpressionException e) {
            errors.add(e.fieldError(at + "rule"));
        }
    }

    private void checkFormula(FormSchema schema, int index, FieldDefinition field, List<FieldError> errors) {
        try {
            expressions.compile(field.option("expression").asText(), formulas.typeFor(schema, index));
        } catch (ExpressionException e) {
            errors.add(e.fieldError("fields[" + index + "].options.expression"));
        }
    }

    private void checkLookup(UUID workspaceId, UUID appId, FormSchema schema, FieldDefinition field, String at,
            List<FieldError> errors) throws SQLException {
        FieldDefinition relation = schema.field(field.option("relation").asText()).orElseThrow();
        Optional<FormSchema> target = target(workspaceId, appId, schema, relation.option("form").asText(), at + "relation", errors);
        String name = field.option("field").asText();
        if (target.isPresent() && target.get().field(name).isEmpty()) {
            errors.add(FieldError.of(at + "field", "form.def.noSuchField", target.get().key(), name));
        }
    }

    private void checkRollup(UUID workspaceId, UUID appId, FormSchema schema, FieldDefinition field, String at,
            List<FieldError> errors) throws SQLException {
        Optional<FormSchema> source = target(workspaceId, appId, schema, field.option("form").asText(), at + "form", errors);
        if (source.isEmpty()) {
            return;
        }
        String via = field.option("via").asText();
        Optional<FieldDefinition> relation = source.get().field(via);
        if (relation.isEmpty() || !"relation".equals(relation.get().type()) || ReferenceType.multiple(relation.get())
                || !schema.key().equals(relation.get().option("form").asText())) {
            errors.add(FieldError.of(at + "via", "form.def.notRelationTo", via));
        }
        if (!field.option("fn").asText().equals("count")) {
            String name = field.option("field").asText();
            Optional<FieldDefinition> summed = source.get().field(name);
            if (summed.isEmpty()) {
                errors.add(FieldError.of(at + "field", "form.def.noSuchField", source.get().key(), name));
            } else if (types.find(summed.get().type()).map(t -> t.storage(summed.get())).orElse(Storage.TEXT) != Storage.NUMBER) {
                errors.add(FieldError.of(at + "field", "form.def.notNumber", name));
            }
        }
    }

    /** The schema of another form of the app (this one when it names itself), or an error at {@code path}. */
    private Optional<FormSchema> target(UUID workspaceId, UUID appId, FormSchema self, String key, String path,
            List<FieldError> errors) throws SQLException {
        if (key.equals(self.key())) {
            return Optional.of(self);
        }
        Optional<StoredForm> form = forms.findByKey(workspaceId, appId, key);
        if (form.isEmpty()) {
            errors.add(FieldError.of(path, "form.def.noSuchForm", key));
            return Optional.empty();
        }
        return Optional.of(form.get().draft());
    }
}
