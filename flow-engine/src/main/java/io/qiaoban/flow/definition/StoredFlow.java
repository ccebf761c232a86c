package io.qiaoban.flow.definition;

import io.qiaoban.flow.graph.FlowGraph;
import java.time.Instant;
import java.util.UUID;

/** A flow as stored: its draft graph (with a version for If-Match) and its latest published version, if any. */
public record StoredFlow(UUID id, UUID workspaceId, UUID appId, FlowKind kind, String name, String description, FlowGraph draft,
        int draftVersion, Integer publishedVersion, Integer publishedDraftVersion, Instant createdAt, Instant updatedAt) {

    public boolean published() {
        return publishedVersion != null;
    }

    /** Whether the draft holds changes that are not published yet. */
    public boolean changedSincePublish() {
        return publishedDraftVersion == null || publishedDraftVersion != draftVersion;
    }
}
