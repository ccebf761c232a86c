package io.qiaoban.form.schema.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldType.DefinitionProblem;
import io.qiaoban.form.schema.InvalidValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The options of a select field: {@code options.choices = [{value, label, color}]}. A value is
 * stored; its label is accepted on input too (a spreadsheet says "钻石", not "diamond").
 */
final class Choices {
    static final int MAX = 500;

    private Choices() {
    }

    static List<DefinitionProblem> check(FieldDefinition field) {
        JsonNode choices = field.option("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            return List.of(DefinitionProblem.of(".options.choices", "form.def.choicesRequired"));
        }
        if (choices.size() > MAX) {
            return List.of(DefinitionProblem.of(".options.choices", "form.def.tooMany", MAX));
        }
        List<DefinitionProblem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < choices.size(); i++) {
            JsonNode c = choices.get(i);
            String value = c.path("value").asText("");
            if (!c.path("value").isTextual() || value.isBlank() || value.length() > 100) {
                problems.add(DefinitionProblem.of(".options.choices[" + i + "].value", "form.def.choiceValue"));
            } else if (!seen.add(value)) {
                problems.add(DefinitionProblem.of(".options.choices[" + i + "].value", "form.def.duplicateChoice", value));
            }
            if (c.has("label") && (!c.get("label").isTextual() || c.get("label").asText().length() > 100)) {
                problems.add(DefinitionProblem.of(".options.choices[" + i + "].label", "form.def.choiceValue"));
            }
        }
        return problems;
    }

    static String resolve(FieldDefinition field, JsonNode value) throws InvalidValue {
        String text = Values.trimmed(value);
        for (JsonNode c : field.option("choices")) {
            if (c.path("value").asText().equals(text)) {
                return text;
            }
        }
        for (JsonNode c : field.option("choices")) {
            if (c.path("label").asText().equals(text)) {
                return c.path("value").asText();
            }
        }
        throw new InvalidValue("form.value.choice", text.length() > 50 ? text.substring(0, 50) + "…" : text);
    }

    static String label(FieldDefinition field, String value) {
        for (JsonNode c : field.option("choices")) {
            if (c.path("value").asText().equals(value)) {
                return c.path("label").asText(value);
            }
        }
        return value;
    }

    static ArrayNode values(FieldDefinition field) {
        ArrayNode values = Values.array();
        field.option("choices").forEach(c -> values.add(c.path("value").asText()));
        return values;
    }

    /** A spreadsheet cell holding several values: "a, b；c" or one per line. */
    static ArrayNode split(String text) {
        ArrayNode items = Values.array();
        for (String part : text.split("[,，;；\\n]")) {
            if (!part.isBlank()) {
                items.add(part.strip());
            }
        }
        return items;
    }
}
