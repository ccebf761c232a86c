package io.qiaoban.core.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.UUID;

/**
 * A job to enqueue. {@code dedupeKey} (optional) makes enqueueing idempotent: a second job with the
 * same key is not added while the first one exists.
 */
public record NewJob(String type, JsonNode payload, UUID workspaceId, Instant runAt, String dedupeKey, int maxAttempts) {
    public static final int DEFAULT_MAX_ATTEMPTS = 8;

    public static NewJob of(String type, JsonNode payload) {
        return new NewJob(type, payload, null, null, null, DEFAULT_MAX_ATTEMPTS);
    }

    public static NewJob of(String type) {
        return of(type, JsonNodeFactory.instance.objectNode());
    }

    public NewJob at(Instant when) {
        return new NewJob(type, payload, workspaceId, when, dedupeKey, maxAttempts);
    }

    public NewJob inWorkspace(UUID workspace) {
        return new NewJob(type, payload, workspace, runAt, dedupeKey, maxAttempts);
    }

    public NewJob dedupe(String key) {
        return new NewJob(type, payload, workspaceId, runAt, key, maxAttempts);
    }

    public NewJob attempts(int max) {
        return new NewJob(type, payload, workspaceId, runAt, dedupeKey, max);
    }
}
