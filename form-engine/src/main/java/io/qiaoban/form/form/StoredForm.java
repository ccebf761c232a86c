package io.qiaoban.form.form;

import io.qiaoban.form.schema.FormSchema;
import java.time.Instant;
import java.util.UUID;

/**
 * A form as stored: its draft (what the designer edits, with a version for If-Match) and the number
 * of its latest published version, if any.
 */
public record StoredForm(UUID id, UUID workspaceId, UUID appId, String key, FormSchema draft, int draftVersion,
        Integer publishedVersion, Integer publishedDraftVersion, Instant updatedAt) {

    public boolean published() {
        return publishedVersion != null;
    }

    /** Whether the draft holds changes that are not published yet. */
    public boolean changedSincePublish() {
        return publishedDraftVersion == null || publishedDraftVersion != draftVersion;
    }
}
