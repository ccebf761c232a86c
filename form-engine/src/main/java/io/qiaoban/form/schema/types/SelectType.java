package io.qiaoban.form.schema.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldType;
import io.qiaoban.form.schema.InvalidValue;
import io.qiaoban.form.schema.Storage;
import io.qiaoban.form.schema.ValueContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One of the choices ("select"), or several of them ("multiselect", stored as an array without repeats). */
public final class SelectType implements FieldType {
    private final boolean multiple;

    private SelectType(boolean multiple) {
        this.multiple = multiple;
    }

    public static SelectType single() {
        return new SelectType(false);
    }

    public static SelectType multiple() {
        return new SelectType(true);
    }

    @Override
    public String key() {
        return multiple ? "multiselect" : "select";
    }

    @Override
    public Storage storage(FieldDefinition field) {
        return multiple ? Storage.TEXT_LIST : Storage.TEXT;
    }

    @Override
    public List<DefinitionProblem> checkDefinition(FieldDefinition field) {
        return Choices.check(field);
    }

    @Override
    public JsonNode normalize(FieldDefinition field, JsonNode value, ValueContext context) throws InvalidValue {
        if (!multiple) {
            return TextNode.valueOf(Choices.resolve(field, value));
        }
        List<JsonNode> items = Values.list(value, Choices.MAX);
        Set<String> chosen = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                chosen.add(Choices.resolve(field, items.get(i)));
            } catch (InvalidValue e) {
                throw e.at("[" + i + "]");
            }
        }
        ArrayNode stored = Values.array();
        chosen.forEach(stored::add);
        return stored;
    }

    @Override
    public JsonNode fromText(FieldDefinition field, String text) {
        return multiple ? Choices.split(text) : Values.JSON.textNode(text.strip());
    }

    @Override
    public String toText(FieldDefinition field, JsonNode stored) {
        if (!multiple) {
            return Choices.label(field, stored.asText());
        }
        StringBuilder out = new StringBuilder();
        stored.forEach(v -> out.append(out.isEmpty() ? "" : ", ").append(Choices.label(field, v.asText())));
        return out.toString();
    }

    @Override
    public ObjectNode jsonSchema(FieldDefinition field, JsonNodeFactory json) {
        ObjectNode one = Values.JSON.objectNode().set("enum", Choices.values(field));
        if (!multiple) {
            return one.put("type", "string");
        }
        ObjectNode s = Values.schema("array").put("uniqueItems", true).put("maxItems", Choices.MAX);
        s.set("items", one.put("type", "string"));
        return s;
    }
}
