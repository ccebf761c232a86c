package io.qiaoban.form.schema.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldType;
import io.qiaoban.form.schema.InvalidValue;
import io.qiaoban.form.schema.Storage;
import io.qiaoban.form.schema.ValueContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Numbers, exact (BigDecimal, stored as JSON numbers, which PostgreSQL keeps as numeric):
 * "number" (up to 10 decimals unless set), "money" (2 decimals: 19.99 yuan, never 19.990000001) and
 * "percent" (the figure shown with %, 12.5 means 12.5%). {@code options.decimals} sets the decimals,
 * {@code validation.min}/{@code max} the range. More decimals than allowed are refused, not rounded:
 * rounding money silently loses someone's cents.
 */
public final class NumberType implements FieldType {
    private final String key;
    private final int defaultDecimals;

    private NumberType(String key, int defaultDecimals) {
        this.key = key;
        this.defaultDecimals = defaultDecimals;
    }

    public static NumberType number() {
        return new NumberType("number", 10);
    }

    public static NumberType money() {
        return new NumberType("money", 2);
    }

    public static NumberType percent() {
        return new NumberType("percent", 4);
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public Storage storage(FieldDefinition field) {
        return Storage.NUMBER;
    }

    @Override
    public List<DefinitionProblem> checkDefinition(FieldDefinition field) {
        List<DefinitionProblem> problems = new ArrayList<>();
        JsonNode decimals = field.option("decimals");
        if (!decimals.isMissingNode() && (!decimals.canConvertToInt() || decimals.intValue() < 0 || decimals.intValue() > 10)) {
            problems.add(DefinitionProblem.of(".options.decimals", "form.def.range", 0, 10));
        }
        for (String limit : List.of("min", "max")) {
            JsonNode n = field.limit(limit);
            if (!n.isMissingNode() && !n.isNumber()) {
                problems.add(DefinitionProblem.of(".validation." + limit, "form.def.number"));
            }
        }
        if (field.limit("min").isNumber() && field.limit("max").isNumber()
                && field.limit("min").decimalValue().compareTo(field.limit("max").decimalValue()) > 0) {
            problems.add(DefinitionProblem.of(".validation.min", "form.def.minAboveMax"));
        }
        return problems;
    }

    public int decimals(FieldDefinition field) {
        return Values.intOption(field, "decimals", defaultDecimals);
    }

    @Override
    public JsonNode normalize(FieldDefinition field, JsonNode value, ValueContext context) throws InvalidValue {
        BigDecimal d = Values.decimal(value);
        int decimals = decimals(field);
        if (d.stripTrailingZeros().scale() > decimals) {
            throw new InvalidValue("form.value.decimals", decimals);
        }
        JsonNode min = field.limit("min");
        if (min.isNumber() && d.compareTo(min.decimalValue()) < 0) {
            throw new InvalidValue("form.value.min", min.decimalValue().toPlainString());
        }
        JsonNode max = field.limit("max");
        if (max.isNumber() && d.compareTo(max.decimalValue()) > 0) {
            throw new InvalidValue("form.value.max", max.decimalValue().toPlainString());
        }
        if (key.equals("money")) {
            // money keeps its scale: 100.5 is stored as 100.50
            return Values.JSON.numberNode(d.setScale(Math.max(decimals, 0), RoundingMode.UNNECESSARY));
        }
        return Values.number(d);
    }

    @Override
    public JsonNode fromText(FieldDefinition field, String text) {
        String t = text.strip().replace("¥", "").replace("￥", "");
        if (key.equals("percent") && t.endsWith("%")) {
            t = t.substring(0, t.length() - 1);
        }
        return Values.JSON.textNode(t);
    }

    @Override
    public String toText(FieldDefinition field, JsonNode stored) {
        return stored.decimalValue().toPlainString();
    }

    @Override
    public ObjectNode jsonSchema(FieldDefinition field, JsonNodeFactory json) {
        ObjectNode s = Values.schema("number");
        int decimals = decimals(field);
        s.put("multipleOf", BigDecimal.ONE.movePointLeft(decimals));
        if (field.limit("min").isNumber()) {
            s.put("minimum", field.limit("min").decimalValue());
        }
        if (field.limit("max").isNumber()) {
            s.put("maximum", field.limit("max").decimalValue());
        }
        return s;
    }
}
