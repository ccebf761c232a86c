package io.qiaoban.flow.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.flow.definition.FlowKind;
import java.time.Instant;
import java.util.UUID;

/**
 * One run of a published flow version. {@code subjectForm}/{@code subjectRecord} name the record it is
 * about (if any), {@code customerKey} the customer a journey follows (frequency caps, sticky A/B
 * variants, waits for "this customer ordered again"); {@code variables} hold what its steps produced,
 * {@code variants} the A/B variant drawn at each split.
 */
public record FlowInstance(UUID id, UUID workspaceId, UUID appId, UUID flowId, int version, FlowKind kind, InstanceState state,
        String startKey, String subjectForm, UUID subjectRecord, String customerKey, ObjectNode variables, ObjectNode variants,
        String error, UUID startedBy, Instant startedAt, Instant endedAt, String endNode) {

    public boolean running() {
        return state == InstanceState.RUNNING;
    }
}
