package io.qiaoban.form.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** A form as JSON: {@code key}, {@code name}, {@code fields}, {@code layout}, {@code settings} (DESIGN.md 3.1). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FormSchema(String key, String name, List<FieldDefinition> fields, JsonNode layout, ObjectNode settings) {
    public FormSchema {
        fields = fields == null ? List.of() : fields.stream().filter(java.util.Objects::nonNull).toList();
    }

    public Optional<FieldDefinition> field(String key) {
        return fields.stream().filter(f -> f.key() != null && f.key().equals(key)).findFirst();
    }
}
