package io.qiaoban.form.record;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/** A record as stored: its data (JSONB), the form version it was written with, and its bookkeeping. */
public record StoredRecord(UUID id, UUID workspaceId, UUID formId, int formVersion, ObjectNode data, long version,
        UUID createdBy, Instant createdAt, UUID updatedBy, Instant updatedAt, Instant deletedAt) {

    public boolean deleted() {
        return deletedAt != null;
    }

    public String etag() {
        return "\"" + version + "\"";
    }
}
