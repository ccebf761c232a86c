package io.qiaoban.core.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * A claimed job as its handler sees it. {@code attempt} counts from 1; {@code worker} holds the lease
 * (a long handler renews it with {@link JobQueue#extendLease}).
 */
public record Job(long id, String type, JsonNode payload, UUID workspaceId, int attempt, int maxAttempts, String worker) {
}
