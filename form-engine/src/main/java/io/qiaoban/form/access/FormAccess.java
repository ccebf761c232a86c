package io.qiaoban.form.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.UUID;

/**
 * What one caller may do with the records of one form: the four operations, the row filter that
 * limits which records exist for them (filter language, "$me" is the caller), and the fields the API
 * never shows them. {@code userId} null is the system (rules, flows), which may do everything.
 */
public record FormAccess(UUID userId, boolean view, boolean create, boolean edit, boolean delete, JsonNode rowFilter,
        Set<String> hiddenFields) {

    public static FormAccess system() {
        return new FormAccess(null, true, true, true, true, null, Set.of());
    }

    /** The data without the hidden fields. */
    public ObjectNode visible(ObjectNode data) {
        if (hiddenFields.isEmpty()) {
            return data;
        }
        ObjectNode copy = data.deepCopy();
        copy.remove(hiddenFields);
        return copy;
    }
}
