package io.qiaoban.form.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * One write of a record: its kind (created, updated, computed, deleted, restored), the version it
 * produced, who and when, and the field-level changes {@code [{field, from, to}]}.
 */
public record HistoryEntry(long id, String kind, long version, JsonNode changes, UUID changedBy, String changedByName,
        Instant changedAt) {
}
