package io.qiaoban.form.schema.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldType;
import io.qiaoban.form.schema.InvalidValue;
import io.qiaoban.form.schema.Storage;
import io.qiaoban.form.schema.ValueContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A figure over the records of another form that point to this one: {@code options.form} ("订单"),
 * {@code options.via} (its relation field pointing here, "客户"), {@code options.fn} (count, sum, min,
 * max, avg) and {@code options.field} (the number summed; not for count). "累计消费" of a customer is
 * sum of 订单.金额 via 客户. Stored and recomputed when those records change.
 */
public final class RollupType implements FieldType {
    public static final Set<String> FUNCTIONS = Set.of("count", "sum", "min", "max", "avg");

    @Override
    public String key() {
        return "rollup";
    }

    @Override
    public boolean computed() {
        return true;
    }

    @Override
    public Storage storage(FieldDefinition field) {
        return Storage.NUMBER;
    }

    @Override
    public List<DefinitionProblem> checkDefinition(FieldDefinition field) {
        List<DefinitionProblem> problems = new ArrayList<>();
        if (!field.option("form").isTextual()) {
            problems.add(DefinitionProblem.of(".options.form", "form.def.relationForm"));
        }
        if (!field.option("via").isTextual()) {
            problems.add(DefinitionProblem.of(".options.via", "form.def.fieldRequired"));
        }
        String fn = field.option("fn").asText("");
        if (!FUNCTIONS.contains(fn)) {
            problems.add(DefinitionProblem.of(".options.fn", "form.def.oneOf", "count, sum, min, max, avg"));
        } else if (!fn.equals("count") && !field.option("field").isTextual()) {
            problems.add(DefinitionProblem.of(".options.field", "form.def.fieldRequired"));
        }
        return problems;
    }

    @Override
    public JsonNode normalize(FieldDefinition field, JsonNode value, ValueContext context) throws InvalidValue {
        return Values.number(Values.decimal(value));
    }

    @Override
    public ObjectNode jsonSchema(FieldDefinition field, JsonNodeFactory json) {
        return Values.schema("number").put("readOnly", true);
    }
}
