package io.qiaoban.flow.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.flow.definition.FlowKind;
import java.time.Instant;
import java.util.UUID;

/**
 * One run of a published flow version. {@code subjectForm}/{@code subjectRecord} name the record it is
 * about (if any), {@code customerKey} the customer a journey follows (frequency caps, sticky A/B
 * variants, waits for "this customer ordered again"); {@code variables} hold what its steps produced,
 * {@code variants} the A/B variant drawn at each split. {@code goalReachedAt} is when the customer
 * reached the journey's goal (if they did), {@code exitReason} why the journey let them go before an end
 * ("goal" or "condition").
 */
public record FlowInstance(UUID id, UUID workspaceId, UUID appId, UUID flowId, int version, FlowKind kind, InstanceState state,
        String startKey, String subjectForm, UUID subjectRecord, String customerKey, ObjectNode variables, ObjectNode variants,
        String error, UUID startedBy, Instant startedAt, Instant endedAt, String endNode, Instant goalReachedAt,
        String exitReason) {

    /** The same instance ended: in {@code state}, at {@code at}, by {@code endNode} or for {@code exitReason}. */
    public FlowInstance ended(InstanceState state, ObjectNode variables, ObjectNode variants, String error, Instant at,
            String endNode, String exitReason) {
        return new FlowInstance(id, workspaceId, appId, flowId, version, kind, state, startKey, subjectForm, subjectRecord,
                customerKey, variables, variants, error, startedBy, startedAt, at, endNode,
                "goal".equals(exitReason) ? at : goalReachedAt, exitReason);
    }

    public boolean running() {
        return state == InstanceState.RUNNING;
    }
}
