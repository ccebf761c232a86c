package io.qiaoban.form.schema.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldType;
import io.qiaoban.form.schema.InvalidValue;
import io.qiaoban.form.schema.Storage;
import io.qiaoban.form.schema.ValueContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A value computed from the record's other fields by a sandboxed expression ({@code options.expression},
 * e.g. {@code 单价 * 数量}), of {@code options.resultType} number (default), money, text, boolean or
 * date. Computed when the record is written and stored, so lists and filters read it like any field.
 */
public final class FormulaType implements FieldType {
    static final Set<String> RESULT_TYPES = Set.of("number", "money", "text", "boolean", "date");

    @Override
    public String key() {
        return "formula";
    }

    @Override
    public boolean computed() {
        return true;
    }

    public static String resultType(FieldDefinition field) {
        return field.option("resultType").asText("number");
    }

    @Override
    public Storage storage(FieldDefinition field) {
        return switch (resultType(field)) {
            case "text" -> Storage.TEXT;
            case "boolean" -> Storage.BOOLEAN;
            case "date" -> Storage.DATE;
            default -> Storage.NUMBER;
        };
    }

    @Override
    public List<DefinitionProblem> checkDefinition(FieldDefinition field) {
        JsonNode expression = field.option("expression");
        if (!expression.isTextual() || expression.asText().isBlank() || expression.asText().length() > 4000) {
            return List.of(DefinitionProblem.of(".options.expression", "form.def.expressionRequired"));
        }
        if (!RESULT_TYPES.contains(resultType(field))) {
            return List.of(DefinitionProblem.of(".options.resultType", "form.def.oneOf", String.join(", ", RESULT_TYPES)));
        }
        return List.of();
    }

    /** The stored form of what the expression returned; null when it returned nothing. */
    @Override
    public JsonNode normalize(FieldDefinition field, JsonNode value, ValueContext context) throws InvalidValue {
        switch (resultType(field)) {
            case "text":
                return TextNode.valueOf(value.isValueNode() ? value.asText() : value.toString());
            case "boolean":
                if (!value.isBoolean()) {
                    throw new InvalidValue("form.value.formulaType", "boolean");
                }
                return BooleanNode.valueOf(value.booleanValue());
            case "date":
                LocalDate day = DateType.parse(value.asText().length() >= 10 ? value.asText().substring(0, 10) : value.asText());
                if (day == null) {
                    throw new InvalidValue("form.value.formulaType", "date");
                }
                return TextNode.valueOf(day.toString());
            case "money":
                return Values.JSON.numberNode(Values.decimal(value).setScale(2, RoundingMode.HALF_UP));
            default:
                BigDecimal d = Values.decimal(value);
                return Values.number(d.scale() > 10 ? d.setScale(10, RoundingMode.HALF_UP) : d);
        }
    }

    @Override
    public ObjectNode jsonSchema(FieldDefinition field, JsonNodeFactory json) {
        ObjectNode s = switch (storage(field)) {
            case TEXT -> Values.schema("string");
            case BOOLEAN -> Values.schema("boolean");
            case DATE -> Values.schema("string").put("pattern", DateType.PATTERN);
            default -> Values.schema("number");
        };
        return s.put("readOnly", true);
    }
}
