package io.qiaoban.core.action;

import java.util.UUID;

/**
 * Where an action runs: the workspace and the app (forms are named by key within their app; null when
 * no app is involved), the idempotency key of this execution (derived by the caller from what
 * triggered it, e.g. rule + event), who or what triggered it, for the audit trail, and how many
 * automated steps (rules publishing events that trigger rules) led to it.
 */
public record ActionContext(UUID workspaceId, UUID appId, String idempotencyKey, String triggeredBy, int chainDepth) {
    public ActionContext(UUID workspaceId, String idempotencyKey, String triggeredBy) {
        this(workspaceId, null, idempotencyKey, triggeredBy, 0);
    }
}
