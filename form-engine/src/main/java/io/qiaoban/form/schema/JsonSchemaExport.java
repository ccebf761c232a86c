package io.qiaoban.form.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A form as standard JSON Schema (draft 2020-12) of the records API users send and receive: one
 * property per field with its stored shape, computed fields read-only, required fields listed.
 */
public final class JsonSchemaExport {
    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private final FieldTypes types;

    public JsonSchemaExport(FieldTypes types) {
        this.types = types;
    }

    public ObjectNode of(FormSchema schema, String id) {
        JsonNodeFactory json = JsonNodeFactory.withExactBigDecimals(true);
        ObjectNode root = json.objectNode()
                .put("$schema", DIALECT)
                .put("$id", id)
                .put("title", schema.name())
                .put("type", "object");
        ObjectNode properties = root.putObject("properties");
        ArrayNode required = json.arrayNode();
        for (FieldDefinition field : schema.fields()) {
            ObjectNode property = types.type(field.type()).jsonSchema(field, json);
            property.put("title", field.label());
            if (field.help() != null) {
                property.put("description", field.help());
            }
            properties.set(field.key(), property);
            if (field.isRequiredField()) {
                required.add(field.key());
            }
        }
        if (!required.isEmpty()) {
            root.set("required", required);
        }
        root.put("additionalProperties", false);
        return root;
    }
}
