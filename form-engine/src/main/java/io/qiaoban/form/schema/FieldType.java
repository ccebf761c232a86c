package io.qiaoban.form.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;

/**
 * A kind of field ("text", "money", "address"...): what its definition must hold, how a value is
 * checked and normalised into its stored JSON shape, and how it reads in JSON Schema. Types are
 * registered by key in {@link FieldTypes}.
 */
public interface FieldType {
    /** Stable: stored in form schemas and app packages. */
    String key();

    /** How values of this field sit in JSONB (for most types the same for every field). */
    Storage storage(FieldDefinition field);

    /** Computed types (formula, lookup, rollup, serial number) are written by the engine, never by a user. */
    default boolean computed() {
        return false;
    }

    /** Problems of a field's definition (options, limits), as codes with the sub-path they concern. */
    default List<DefinitionProblem> checkDefinition(FieldDefinition field) {
        return List.of();
    }

    /** The value as stored, or {@link InvalidValue}; never called with null or JSON null. */
    JsonNode normalize(FieldDefinition field, JsonNode value, ValueContext context) throws InvalidValue;

    /** A spreadsheet cell's text as the JSON value {@link #normalize} takes (imports). */
    default JsonNode fromText(FieldDefinition field, String text) {
        return TextNode.valueOf(text);
    }

    /** The value as one spreadsheet cell (exports). */
    default String toText(FieldDefinition field, JsonNode stored) {
        return stored.isValueNode() ? stored.asText() : stored.toString();
    }

    /** This field as a JSON Schema (draft 2020-12) of its stored shape, without "required". */
    ObjectNode jsonSchema(FieldDefinition field, JsonNodeFactory json);

    /** A problem in a field definition: {@code path} under the field (".options.choices"), message code and arguments. */
    record DefinitionProblem(String path, String code, List<Object> args) {
        public static DefinitionProblem of(String path, String code, Object... args) {
            return new DefinitionProblem(path, code, List.of(args));
        }
    }
}
