package io.qiaoban.form.schema.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldType;
import io.qiaoban.form.schema.InvalidValue;
import io.qiaoban.form.schema.Storage;
import io.qiaoban.form.schema.ValueContext;
import java.util.ArrayList;
import java.util.List;

/** Single-line ("text", at most 200 characters unless set) and multi-line text ("textarea", 10,000). */
public final class TextType implements FieldType {
    private final String key;
    private final int ceiling;
    private final int defaultMax;

    private TextType(String key, int defaultMax, int ceiling) {
        this.key = key;
        this.defaultMax = defaultMax;
        this.ceiling = ceiling;
    }

    public static TextType singleLine() {
        return new TextType("text", 200, 2000);
    }

    public static TextType multiLine() {
        return new TextType("textarea", 10_000, 50_000);
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public Storage storage(FieldDefinition field) {
        return Storage.TEXT;
    }

    @Override
    public List<DefinitionProblem> checkDefinition(FieldDefinition field) {
        List<DefinitionProblem> problems = new ArrayList<>();
        JsonNode max = field.limit("maxLength");
        if (!max.isMissingNode() && (!max.canConvertToInt() || max.intValue() < 1 || max.intValue() > ceiling)) {
            problems.add(DefinitionProblem.of(".validation.maxLength", "form.def.range", 1, ceiling));
        }
        JsonNode min = field.limit("minLength");
        if (!min.isMissingNode() && (!min.canConvertToInt() || min.intValue() < 0 || min.intValue() > ceiling)) {
            problems.add(DefinitionProblem.of(".validation.minLength", "form.def.range", 0, ceiling));
        }
        return problems;
    }

    @Override
    public JsonNode normalize(FieldDefinition field, JsonNode value, ValueContext context) throws InvalidValue {
        String text = Values.text(value);
        if (key.equals("text")) {
            text = text.strip();
            if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                throw new InvalidValue("form.value.singleLine");
            }
        }
        Values.checkLength(text, field, defaultMax);
        return TextNode.valueOf(text);
    }

    @Override
    public ObjectNode jsonSchema(FieldDefinition field, JsonNodeFactory json) {
        ObjectNode s = Values.schema("string").put("maxLength", Values.intLimit(field, "maxLength", defaultMax));
        int min = Values.intLimit(field, "minLength", 0);
        if (min > 0) {
            s.put("minLength", min);
        }
        if (key.equals("text")) {
            s.put("pattern", "^[^\\r\\n]*$");
        }
        return s;
    }
}
