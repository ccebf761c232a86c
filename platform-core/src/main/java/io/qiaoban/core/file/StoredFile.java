package io.qiaoban.core.file;

import java.time.Instant;
import java.util.UUID;

/**
 * A file kept in the database: what it is, not its bytes ({@link FileStore#open} reads those).
 * {@code heldBy} names what keeps it ("record:<id>"), null while it is a fresh upload.
 */
public record StoredFile(UUID id, UUID workspaceId, String purpose, String name, String contentType, long sizeBytes,
        String sha256, UUID createdBy, Instant createdAt, Instant expiresAt, String heldBy) {
}
