package io.qiaoban.core.event;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Something that happened in a workspace ("record.created", "flow.finished", "firmware.released").
 * {@code id} and {@code occurredAt} are given by the outbox when the event is stored.
 */
public record DomainEvent(Long id, UUID workspaceId, String type, String aggregateId, Map<String, Object> payload,
        Instant occurredAt) {

    public DomainEvent(UUID workspaceId, String type, String aggregateId, Map<String, Object> payload) {
        this(null, workspaceId, type, aggregateId, payload, null);
    }
}
