package io.qiaoban.form.schema.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.InvalidValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Small readers shared by the field types: text, decimals, lists, ids, limits. */
final class Values {
    static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);
    /** Numbers beyond this many digits are refused: nobody keeps 10^100 yuan, and they cost to compare. */
    static final int MAX_DIGITS = 30;

    private Values() {
    }

    static String text(JsonNode value) throws InvalidValue {
        if (!value.isTextual() && !value.isNumber()) {
            throw new InvalidValue("form.value.text");
        }
        return value.asText();
    }

    static String trimmed(JsonNode value) throws InvalidValue {
        return text(value).strip();
    }

    static BigDecimal decimal(JsonNode value) throws InvalidValue {
        BigDecimal d;
        if (value.isNumber()) {
            d = value.decimalValue();
        } else if (value.isTextual()) {
            String t = value.asText().strip().replace(",", "").replace("，", "");
            if (t.isEmpty() || t.length() > MAX_DIGITS + 10) {
                throw new InvalidValue("form.value.number");
            }
            try {
                d = new BigDecimal(t);
            } catch (NumberFormatException e) {
                throw new InvalidValue("form.value.number");
            }
        } else {
            throw new InvalidValue("form.value.number");
        }
        if (d.precision() - d.scale() > MAX_DIGITS || d.scale() > MAX_DIGITS) {
            throw new InvalidValue("form.value.numberTooLong", MAX_DIGITS);
        }
        return d;
    }

    /** The stored JSON of a decimal: integral values as integers, others as exact decimals. */
    static JsonNode number(BigDecimal d) {
        BigDecimal stripped = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() < 19) {
            return LongNode.valueOf(stripped.longValueExact());
        }
        return DecimalNode.valueOf(d);
    }

    static List<JsonNode> list(JsonNode value, int max) throws InvalidValue {
        if (!value.isArray()) {
            throw new InvalidValue("form.value.list");
        }
        if (value.size() > max) {
            throw new InvalidValue("form.value.tooMany", max);
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    static UUID id(JsonNode value) throws InvalidValue {
        if (!value.isTextual()) {
            throw new InvalidValue("form.value.id");
        }
        try {
            String t = value.asText().strip();
            UUID id = UUID.fromString(t);
            if (!id.toString().equals(t.toLowerCase())) {
                throw new InvalidValue("form.value.id");
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new InvalidValue("form.value.id");
        }
    }

    static int intLimit(FieldDefinition field, String name, int fallback) {
        JsonNode n = field.limit(name);
        return n.canConvertToInt() ? n.intValue() : fallback;
    }

    static int intOption(FieldDefinition field, String name, int fallback) {
        JsonNode n = field.option(name);
        return n.canConvertToInt() ? n.intValue() : fallback;
    }

    static ArrayNode array() {
        return JSON.arrayNode();
    }

    static ObjectNode schema(String type) {
        return JSON.objectNode().put("type", type);
    }

    static void checkLength(String text, FieldDefinition field, int defaultMax) throws InvalidValue {
        int max = intLimit(field, "maxLength", defaultMax);
        int min = intLimit(field, "minLength", 0);
        int length = text.codePointCount(0, text.length());
        if (length > max) {
            throw new InvalidValue("form.value.tooLong", max);
        }
        if (length < min) {
            throw new InvalidValue("form.value.tooShort", min);
        }
    }
}
