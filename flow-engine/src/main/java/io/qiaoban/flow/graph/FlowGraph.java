package io.qiaoban.flow.graph;

import java.util.List;

/**
 * A flow as the designer draws it and a version stores it: {@code {nodes: [...], edges: [...]}},
 * and for journeys their {@code goal} and {@code exitWhen}, a condition (Expression service, over the
 * same facts as a condition node) that takes a customer out of the journey before its next step.
 */
public record FlowGraph(List<FlowNode> nodes, List<FlowEdge> edges, FlowGoal goal, String exitWhen) {
    public FlowGraph {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        edges = edges == null ? List.of() : List.copyOf(edges);
        exitWhen = exitWhen == null || exitWhen.isBlank() ? null : exitWhen;
    }

    public FlowGraph(List<FlowNode> nodes, List<FlowEdge> edges) {
        this(nodes, edges, null, null);
    }
}
