package io.qiaoban.form.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiaoban.form.schema.FormSchema;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

/**
 * What compiling a filter needs besides the filter: the form, the forms its relations point to, who
 * "$me" is, and the time and zone "within 30 days" counts from.
 */
public record QueryContext(UUID formId, FormSchema schema, RelatedForms related, UUID userId, Instant now, ZoneId zone) {

    /** Finds the published form a relation points to, by key, within the same app. */
    public interface RelatedForms {
        Optional<Related> find(String formKey);
    }

    /**
     * A form a relation points to, as a filter may use it: the fields it may name, and the row filter
     * (compiled in {@code rowFilterContext}) that limits which of its records exist for the caller; none
     * for the engine's own queries and for a role's row filter, which see the whole form.
     */
    public record Related(UUID formId, FormSchema schema, JsonNode rowFilter, QueryContext rowFilterContext) {
        public static Related whole(UUID formId, FormSchema schema) {
            return new Related(formId, schema, null, null);
        }
    }
}
