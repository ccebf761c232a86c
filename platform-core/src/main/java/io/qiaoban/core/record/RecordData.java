package io.qiaoban.core.record;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/** One record as returned by {@link RecordAccess}: its fields and its bookkeeping. */
public record RecordData(UUID id, String formKey, ObjectNode data, long version, Instant createdAt, Instant updatedAt) {
}
