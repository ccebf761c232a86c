package io.qiaoban.form.schema.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldType;
import io.qiaoban.form.schema.InvalidValue;
import io.qiaoban.form.schema.Storage;
import io.qiaoban.form.schema.ValueContext;
import java.math.BigDecimal;
import java.util.List;

/** Stars: a whole number from 0 to {@code options.max} (5 unless set, at most 10). */
public final class RatingType implements FieldType {
    @Override
    public String key() {
        return "rating";
    }

    @Override
    public Storage storage(FieldDefinition field) {
        return Storage.NUMBER;
    }

    int max(FieldDefinition field) {
        return Values.intOption(field, "max", 5);
    }

    @Override
    public List<DefinitionProblem> checkDefinition(FieldDefinition field) {
        JsonNode max = field.option("max");
        if (!max.isMissingNode() && (!max.canConvertToInt() || max.intValue() < 1 || max.intValue() > 10)) {
            return List.of(DefinitionProblem.of(".options.max", "form.def.range", 1, 10));
        }
        return List.of();
    }

    @Override
    public JsonNode normalize(FieldDefinition field, JsonNode value, ValueContext context) throws InvalidValue {
        BigDecimal d = Values.decimal(value);
        int max = max(field);
        if (d.stripTrailingZeros().scale() > 0 || d.signum() < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new InvalidValue("form.value.rating", max);
        }
        return IntNode.valueOf(d.intValue());
    }

    @Override
    public ObjectNode jsonSchema(FieldDefinition field, JsonNodeFactory json) {
        return Values.schema("integer").put("minimum", 0).put("maximum", max(field));
    }
}
