package io.qiaoban.form.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One field of a form as the designer saves it (DESIGN.md 3.1). {@code validation} holds the limits a
 * builder sets (min, max, maxLength...), {@code options} what the type needs (choices, target form,
 * expression, pattern...).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldDefinition(String key, String label, String type, Boolean required, Boolean unique, Boolean indexed,
        @JsonProperty("default") JsonNode defaultValue, String help, ObjectNode validation, ObjectNode options) {

    @JsonIgnore
    public boolean isRequiredField() {
        return Boolean.TRUE.equals(required);
    }

    @JsonIgnore
    public boolean isUniqueField() {
        return Boolean.TRUE.equals(unique);
    }

    @JsonIgnore
    public boolean isIndexedField() {
        return Boolean.TRUE.equals(indexed);
    }

    /** An option of the type, or a missing node. */
    public JsonNode option(String name) {
        return options == null ? MissingNode.getInstance() : options.path(name);
    }

    /** A validation setting (a limit, a rule or its message), or a missing node. */
    public JsonNode limit(String name) {
        return validation == null ? MissingNode.getInstance() : validation.path(name);
    }
}
