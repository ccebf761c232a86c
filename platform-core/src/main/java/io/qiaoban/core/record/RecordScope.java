package io.qiaoban.core.record;

import java.util.UUID;

/**
 * Whose records, of which form (its key within the app), on behalf of whom: every record access is
 * scoped this way. {@code actingUserId} null means the system itself (a rule or a flow acting with
 * the app's authority); otherwise that user's permissions apply.
 */
public record RecordScope(UUID workspaceId, UUID appId, String formKey, UUID actingUserId) {
}
