package io.qiaoban.form.schema.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldType;
import io.qiaoban.form.schema.InvalidValue;
import io.qiaoban.form.schema.Storage;
import io.qiaoban.form.schema.ValueContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Free labels ("高价值", "复购"): at most 50, each one line of at most 40 characters, without repeats. */
public final class TagsType implements FieldType {
    static final int MAX_TAGS = 50;
    static final int MAX_LENGTH = 40;

    @Override
    public String key() {
        return "tags";
    }

    @Override
    public Storage storage(FieldDefinition field) {
        return Storage.TEXT_LIST;
    }

    @Override
    public JsonNode normalize(FieldDefinition field, JsonNode value, ValueContext context) throws InvalidValue {
        List<JsonNode> items = Values.list(value, MAX_TAGS);
        Set<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String tag = item.isTextual() ? item.asText().strip() : "";
            if (tag.isEmpty() || tag.length() > MAX_LENGTH || tag.indexOf('\n') >= 0) {
                throw new InvalidValue("form.value.tag", MAX_LENGTH).at("[" + i + "]");
            }
            tags.add(tag);
        }
        ArrayNode stored = Values.array();
        tags.forEach(stored::add);
        return stored;
    }

    @Override
    public JsonNode fromText(FieldDefinition field, String text) {
        return Choices.split(text);
    }

    @Override
    public String toText(FieldDefinition field, JsonNode stored) {
        StringBuilder out = new StringBuilder();
        stored.forEach(v -> out.append(out.isEmpty() ? "" : ", ").append(v.asText()));
        return out.toString();
    }

    @Override
    public ObjectNode jsonSchema(FieldDefinition field, JsonNodeFactory json) {
        ObjectNode s = Values.schema("array").put("uniqueItems", true).put("maxItems", MAX_TAGS);
        s.set("items", Values.schema("string").put("minLength", 1).put("maxLength", MAX_LENGTH).put("pattern", "^\\S(.*\\S)?$"));
        return s;
    }
}
