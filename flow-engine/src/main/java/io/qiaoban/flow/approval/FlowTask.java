package io.qiaoban.flow.approval;

import java.time.Instant;
import java.util.UUID;

/** One person's part in an approval step: pending (theirs to decide), queued (after others), or decided. */
public record FlowTask(UUID id, UUID workspaceId, UUID instanceId, long stepId, String nodeId, UUID assignee, int position,
        String state, String comment, UUID transferredTo, Instant createdAt, Instant decidedAt) {

    public boolean pending() {
        return "pending".equals(state);
    }
}
