package io.qiaoban.core.record;

import java.util.UUID;

/** Whose records, of which form, on behalf of whom: every record access is scoped this way. */
public record RecordScope(UUID workspaceId, String formKey, UUID actingUserId) {
}
