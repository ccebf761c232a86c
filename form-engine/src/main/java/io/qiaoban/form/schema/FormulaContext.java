package io.qiaoban.form.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.core.expression.ExpressionContextType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a formula field may read, and the values it reads: every field that is not a formula, and
 * the formulas listed before it (so formulas cannot loop). Values are handed to the expression
 * service as it expects them: numbers as BigDecimal, dates as LocalDate, times as Instant, lists and
 * objects as List and Map.
 */
public final class FormulaContext {
    private final FieldTypes types;

    public FormulaContext(FieldTypes types) {
        this.types = types;
    }

    /** The variables the formula field at {@code index} of the schema may read. */
    public ExpressionContextType typeFor(FormSchema schema, int index) {
        Map<String, Class<?>> variables = new HashMap<>();
        for (int i = 0; i < schema.fields().size(); i++) {
            FieldDefinition f = schema.fields().get(i);
            if (f.key() == null || (f.type() != null && f.type().equals("formula") && i >= index)) {
                continue;
            }
            variables.put(f.key(), javaType(types.find(f.type()).map(t -> t.storage(f)).orElse(Storage.TEXT)));
        }
        return new ExpressionContextType(variables, Set.of());
    }

    public static Class<?> javaType(Storage storage) {
        return switch (storage) {
            case NUMBER -> BigDecimal.class;
            case BOOLEAN -> Boolean.class;
            case DATE -> LocalDate.class;
            case DATETIME -> Instant.class;
            case TEXT_LIST -> List.class;
            case STRUCTURED -> Object.class;
            default -> String.class;
        };
    }

    /** The record's values as expression variables; absent fields are null. */
    public Map<String, Object> variables(FormSchema schema, ObjectNode data) {
        Map<String, Object> values = new HashMap<>();
        for (FieldDefinition f : schema.fields()) {
            JsonNode v = data.get(f.key());
            values.put(f.key(), v == null || v.isNull() ? null : value(types.storage(f), v));
        }
        return values;
    }

    static Object value(Storage storage, JsonNode v) {
        return switch (storage) {
            case NUMBER -> v.isNumber() ? v.decimalValue() : null;
            case BOOLEAN -> v.asBoolean();
            case DATE -> LocalDate.parse(v.asText());
            case DATETIME -> Instant.parse(v.asText());
            default -> plain(v);
        };
    }

    private static Object plain(JsonNode v) {
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isArray()) {
            List<Object> items = new ArrayList<>();
            v.forEach(item -> items.add(plain(item)));
            return items;
        }
        if (v.isObject()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            v.fields().forEachRemaining(e -> fields.put(e.getKey(), plain(e.getValue())));
            return fields;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return v.isNull() ? null : v.asText();
    }
}
