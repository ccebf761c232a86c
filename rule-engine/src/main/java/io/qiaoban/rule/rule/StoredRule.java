package io.qiaoban.rule.rule;

import java.time.Instant;
import java.util.UUID;

/** A rule as stored: its draft, which version is published (null: never), whether it runs. */
public record StoredRule(UUID id, UUID workspaceId, UUID appId, RuleDefinition draft, int draftVersion,
        Integer publishedVersion, boolean enabled, Instant updatedAt) {

    /** The ETag of the draft: a save with an older one is refused (412). */
    public String etag() {
        return "\"" + draftVersion + "\"";
    }
}
