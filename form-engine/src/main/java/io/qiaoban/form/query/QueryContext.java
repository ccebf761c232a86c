package io.qiaoban.form.query;

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

    public record Related(UUID formId, FormSchema schema) {
    }
}
