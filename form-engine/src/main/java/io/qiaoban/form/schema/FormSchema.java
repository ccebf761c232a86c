package io.qiaoban.form.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A form as JSON: {@code key}, {@code name}, {@code fields}, {@code layout}, {@code settings} (DESIGN.md 3.1). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FormSchema(String key, String name, List<FieldDefinition> fields, JsonNode layout, ObjectNode settings) {
    public FormSchema {
        fields = fields == null ? List.of() : fields.stream().filter(java.util.Objects::nonNull).toList();
    }

    public Optional<FieldDefinition> field(String key) {
        return fields.stream().filter(f -> f.key() != null && f.key().equals(key)).findFirst();
    }

    /**
     * The form as someone who may not see these fields sees it: without them, their places in the
     * layout, or a title setting naming one.
     */
    public FormSchema without(Set<String> hidden) {
        if (hidden.isEmpty()) {
            return this;
        }
        JsonNode shownLayout = layout;
        if (layout != null && layout.isArray()) {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            layout.forEach(item -> {
                if (!hidden.contains(item.path("field").asText())) {
                    items.add(item);
                }
            });
            shownLayout = items;
        }
        ObjectNode shownSettings = settings;
        if (settings != null && hidden.contains(settings.path("titleField").asText())) {
            shownSettings = settings.deepCopy();
            shownSettings.remove("titleField");
        }
        return new FormSchema(key, name, fields.stream().filter(f -> !hidden.contains(f.key())).toList(), shownLayout,
                shownSettings);
    }
}
