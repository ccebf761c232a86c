package io.qiaoban.flow.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A token on a node of an instance. {@code visit} counts how often the instance reached the node (a
 * loop through a wait comes back) and, with the instance and node, keys the side effects of the step.
 */
public record FlowStep(long id, UUID instanceId, String nodeId, int visit, StepState state, String cameFrom, Instant dueAt,
        String awaits, String awaitsValue, String outcome, JsonNode detail, Instant enteredAt, Instant leftAt) {

    /** The idempotency key of this step's side effects: the same whatever the retries. */
    public String effectKey() {
        return "flow:" + instanceId + ":" + nodeId + ":" + visit;
    }
}
