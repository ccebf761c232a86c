package io.qiaoban.form.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.form.schema.types.ReferenceType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Turns what a user sent into the record's stored data, or refuses it with one error per field.
 * On create every field is considered (defaults fill what is missing); on update only the fields
 * sent change. Empty text and null clear a field. Computed fields are the engine's: what a client
 * sends for them is ignored (a client echoing a whole record back is normal), and values of fields
 * no longer in the form are kept, in case the field comes back.
 */
public final class RecordValidator {
    private static final int MAX_ERRORS = 100;
    private final FieldTypes types;

    public RecordValidator(FieldTypes types) {
        this.types = types;
    }

    /**
     * @param current the stored data of the record being updated, or null on create
     * @return the data to store, computed fields left as they were
     * @throws ProblemException 400 with an error per invalid field
     */
    public ObjectNode validate(FormSchema schema, ObjectNode input, ObjectNode current, ValueContext context) {
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = input.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (schema.field(name).isEmpty()) {
                errors.add(FieldError.of(name.length() > 64 ? name.substring(0, 64) + "…" : name, "form.value.unknownField"));
            }
        }
        ObjectNode data = current == null ? input.objectNode() : current.deepCopy();
        for (FieldDefinition field : schema.fields()) {
            FieldType type = types.type(field.type());
            if (type.computed()) {
                continue;
            }
            JsonNode value;
            if (input.has(field.key())) {
                value = input.get(field.key());
            } else if (current == null) {
                value = ReferenceType.defaultsToCurrentUser(field) ? ReferenceType.currentUserDefault(field, context.userId())
                        : field.defaultValue();
            } else {
                value = current.get(field.key());
            }
            if (empty(value)) {
                data.remove(field.key());
                if (field.isRequiredField()) {
                    errors.add(FieldError.of(field.key(), "form.value.required"));
                }
                continue;
            }
            if (current != null && !input.has(field.key())) {
                continue; // unchanged: it was valid when written, possibly under an older version
            }
            try {
                data.set(field.key(), type.normalize(field, value, context));
            } catch (InvalidValue e) {
                errors.add(FieldError.of(field.key() + e.subPath(), e.code(), e.args().toArray()));
            }
            if (errors.size() >= MAX_ERRORS) {
                break;
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", errors);
        }
        return data;
    }

    static boolean empty(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode()
                || (value.isTextual() && value.asText().isBlank())
                || (value.isArray() && value.isEmpty());
    }
}
