package io.qiaoban.flow.graph;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a node of a flow does. Keys are stable: they are stored in flow versions and app packages.
 * Each type says how many edges may leave it and what their {@code when} means.
 */
public enum NodeType {
    /** Where an instance starts: a record event, a schedule, a manual start, a domain event. */
    TRIGGER("trigger"),
    /** People decide: edges leave with when "approved" (the default) or "rejected". */
    APPROVAL("approval"),
    /** An exclusive choice: each edge has an expression as its when, exactly one has "else". */
    CONDITION("condition"),
    /** All edges are taken at once; their branches meet again at one join. */
    PARALLEL("parallel"),
    /** Waits for every branch of its parallel split. */
    JOIN("join"),
    /** Runs a registered Action (update record, send message, start flow...). */
    ACTION("action"),
    /** Waits for a duration, until a date field, or until an event; an edge with when "timeout" for events that never come. */
    WAIT("wait"),
    /** Splits customers between variants by percentage; each edge's when is a variant key. */
    AB_SPLIT("ab"),
    /** Ends the instance, whatever else of it is still running. */
    END("end");

    private final String key;

    NodeType(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<NodeType> byKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }
}
