package io.qiaoban.form.schema.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldType;
import io.qiaoban.form.schema.InvalidValue;
import io.qiaoban.form.schema.Storage;
import io.qiaoban.form.schema.ValueContext;
import java.util.Locale;
import java.util.Set;

/** Yes or no. Through the API a JSON boolean; from a spreadsheet also 是/否, true/false, yes/no, 1/0. */
public final class BooleanType implements FieldType {
    private static final Set<String> YES = Set.of("true", "yes", "y", "1", "是", "对", "√");
    private static final Set<String> NO = Set.of("false", "no", "n", "0", "否", "不", "×");

    @Override
    public String key() {
        return "boolean";
    }

    @Override
    public Storage storage(FieldDefinition field) {
        return Storage.BOOLEAN;
    }

    @Override
    public JsonNode normalize(FieldDefinition field, JsonNode value, ValueContext context) throws InvalidValue {
        if (!value.isBoolean()) {
            throw new InvalidValue("form.value.boolean");
        }
        return value;
    }

    @Override
    public JsonNode fromText(FieldDefinition field, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (YES.contains(t)) {
            return BooleanNode.TRUE;
        }
        if (NO.contains(t)) {
            return BooleanNode.FALSE;
        }
        return Values.JSON.textNode(text);
    }

    @Override
    public String toText(FieldDefinition field, JsonNode stored) {
        return stored.asBoolean() ? "是" : "否";
    }

    @Override
    public ObjectNode jsonSchema(FieldDefinition field, JsonNodeFactory json) {
        return Values.schema("boolean");
    }
}
