package io.qiaoban.flow.graph;

import java.util.List;

/** A flow as the designer draws it and a version stores it: {@code {nodes: [...], edges: [...]}}. */
public record FlowGraph(List<FlowNode> nodes, List<FlowEdge> edges) {
    public FlowGraph {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        edges = edges == null ? List.of() : List.copyOf(edges);
    }
}
