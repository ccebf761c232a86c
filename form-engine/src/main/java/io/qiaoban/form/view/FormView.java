package io.qiaoban.form.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A saved way of looking at a form's records. {@code kind}: "grid" (config: columns [{field, width}],
 * filter, sort), "kanban" (groupBy: a single-select field, cardFields, filter, sort) or "calendar"
 * (dateField: a date or datetime field, titleField, filter). {@code ownerId} null: shared.
 */
public record FormView(UUID id, UUID workspaceId, UUID formId, UUID ownerId, String name, String kind, ObjectNode config,
        int position, int version, Instant updatedAt) {

    public boolean shared() {
        return ownerId == null;
    }
}
