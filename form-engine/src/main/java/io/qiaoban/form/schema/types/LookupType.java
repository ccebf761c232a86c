package io.qiaoban.form.schema.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldType;
import io.qiaoban.form.schema.InvalidValue;
import io.qiaoban.form.schema.Storage;
import io.qiaoban.form.schema.ValueContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Shows a field of the record a single relation points to: {@code options.relation} is the relation
 * field of this form, {@code options.field} the field of the related form ("客户" -> "手机"). The value
 * is copied into this record and refreshed when the related record changes, so lists never join.
 */
public final class LookupType implements FieldType {
    @Override
    public String key() {
        return "lookup";
    }

    @Override
    public boolean computed() {
        return true;
    }

    @Override
    public Storage storage(FieldDefinition field) {
        return Storage.STRUCTURED;
    }

    @Override
    public List<DefinitionProblem> checkDefinition(FieldDefinition field) {
        List<DefinitionProblem> problems = new ArrayList<>();
        if (!field.option("relation").isTextual()) {
            problems.add(DefinitionProblem.of(".options.relation", "form.def.fieldRequired"));
        }
        if (!field.option("field").isTextual()) {
            problems.add(DefinitionProblem.of(".options.field", "form.def.fieldRequired"));
        }
        return problems;
    }

    @Override
    public JsonNode normalize(FieldDefinition field, JsonNode value, ValueContext context) throws InvalidValue {
        return value;
    }

    @Override
    public ObjectNode jsonSchema(FieldDefinition field, JsonNodeFactory json) {
        return Values.JSON.objectNode().put("readOnly", true);
    }
}
