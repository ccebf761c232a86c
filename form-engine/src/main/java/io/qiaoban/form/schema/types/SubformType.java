package io.qiaoban.form.schema.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldType;
import io.qiaoban.form.schema.FieldTypes;
import io.qiaoban.form.schema.InvalidValue;
import io.qiaoban.form.schema.Storage;
import io.qiaoban.form.schema.ValueContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A table inside the record (order lines, visit notes): {@code options.fields} are the columns, any
 * plain type (no sub-form inside a sub-form, nothing computed); the value is an array of at most
 * {@code validation.maxRows} rows (200 unless set), each checked like a small record.
 */
public final class SubformType implements FieldType {
    static final int MAX_ROWS = 1000;
    private static final Set<String> NOT_IN_ROWS = Set.of("subform", "formula", "lookup", "rollup", "serial");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final FieldTypes types;

    public SubformType(FieldTypes types) {
        this.types = types;
    }

    @Override
    public String key() {
        return "subform";
    }

    @Override
    public Storage storage(FieldDefinition field) {
        return Storage.STRUCTURED;
    }

    public static List<FieldDefinition> columns(FieldDefinition field) {
        List<FieldDefinition> columns = new ArrayList<>();
        JsonNode defs = field.option("fields");
        if (defs.isArray()) {
            for (JsonNode d : defs) {
                try {
                    columns.add(MAPPER.treeToValue(d, FieldDefinition.class));
                } catch (Exception malformed) {
                    columns.add(null);
                }
            }
        }
        return columns;
    }

    @Override
    public List<DefinitionProblem> checkDefinition(FieldDefinition field) {
        List<DefinitionProblem> problems = new ArrayList<>();
        List<FieldDefinition> columns = columns(field);
        if (columns.isEmpty()) {
            return List.of(DefinitionProblem.of(".options.fields", "form.def.columnsRequired"));
        }
        if (columns.size() > 50) {
            return List.of(DefinitionProblem.of(".options.fields", "form.def.tooMany", 50));
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            FieldDefinition c = columns.get(i);
            String at = ".options.fields[" + i + "]";
            if (c == null) {
                problems.add(DefinitionProblem.of(at, "form.def.malformed"));
                continue;
            }
            if (NOT_IN_ROWS.contains(c.type())) {
                problems.add(DefinitionProblem.of(at + ".type", "form.def.notInSubform", c.type()));
                continue;
            }
            for (DefinitionProblem p : types.checkField(c, keys)) {
                problems.add(new DefinitionProblem(at + p.path(), p.code(), p.args()));
            }
        }
        JsonNode maxRows = field.limit("maxRows");
        if (!maxRows.isMissingNode() && (!maxRows.canConvertToInt() || maxRows.intValue() < 1 || maxRows.intValue() > MAX_ROWS)) {
            problems.add(DefinitionProblem.of(".validation.maxRows", "form.def.range", 1, MAX_ROWS));
        }
        return problems;
    }

    @Override
    public JsonNode normalize(FieldDefinition field, JsonNode value, ValueContext context) throws InvalidValue {
        List<JsonNode> rows = Values.list(value, Values.intLimit(field, "maxRows", 200));
        List<FieldDefinition> columns = columns(field);
        ArrayNode stored = Values.array();
        for (int r = 0; r < rows.size(); r++) {
            JsonNode row = rows.get(r);
            String at = "[" + r + "]";
            if (!row.isObject()) {
                throw new InvalidValue("form.value.row").at(at);
            }
            for (Iterator<String> names = row.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (columns.stream().noneMatch(c -> c.key().equals(name))) {
                    throw new InvalidValue("form.value.unknownField").at(at + "." + name.substring(0, Math.min(40, name.length())));
                }
            }
            ObjectNode out = Values.JSON.objectNode();
            for (FieldDefinition c : columns) {
                JsonNode cell = row.get(c.key());
                if (cell == null || cell.isNull() || (cell.isTextual() && cell.asText().isBlank() && !c.type().equals("textarea"))) {
                    if (c.isRequiredField()) {
                        throw new InvalidValue("form.value.required").at(at + "." + c.key());
                    }
                    continue;
                }
                try {
                    out.set(c.key(), types.type(c.type()).normalize(c, cell, context));
                } catch (InvalidValue e) {
                    throw e.at(at + "." + c.key());
                }
            }
            stored.add(out);
        }
        return stored;
    }

    @Override
    public String toText(FieldDefinition field, JsonNode stored) {
        return stored.size() + " rows";
    }

    @Override
    public ObjectNode jsonSchema(FieldDefinition field, JsonNodeFactory json) {
        ObjectNode row = Values.schema("object").put("additionalProperties", false);
        ObjectNode props = row.putObject("properties");
        ArrayNode required = Values.array();
        for (FieldDefinition c : columns(field)) {
            props.set(c.key(), types.type(c.type()).jsonSchema(c, json));
            if (c.isRequiredField()) {
                required.add(c.key());
            }
        }
        if (!required.isEmpty()) {
            row.set("required", required);
        }
        ObjectNode s = Values.schema("array").put("maxItems", Values.intLimit(field, "maxRows", 200));
        s.set("items", row);
        return s;
    }
}
