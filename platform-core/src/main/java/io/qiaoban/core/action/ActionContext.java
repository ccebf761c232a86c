package io.qiaoban.core.action;

import java.util.UUID;

/**
 * Where an action runs: the workspace, the idempotency key of this execution (derived by the caller
 * from what triggered it, e.g. rule + event), and who or what triggered it, for the audit trail.
 */
public record ActionContext(UUID workspaceId, String idempotencyKey, String triggeredBy) {
}
