package io.qiaoban.flow.runtime;

import io.qiaoban.flow.graph.FlowEdge;
import io.qiaoban.flow.graph.FlowGraph;
import io.qiaoban.flow.graph.FlowNode;
import io.qiaoban.flow.graph.NodeType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A published graph indexed for running: nodes by id, the edges leaving and entering each. */
public final class RunnableGraph {
    private final FlowGraph graph;
    private final Map<String, FlowNode> nodes = new HashMap<>();
    private final Map<String, List<FlowEdge>> out = new HashMap<>();
    private final Map<String, List<FlowEdge>> in = new HashMap<>();
    private final boolean approvals;

    public RunnableGraph(FlowGraph graph) {
        this.graph = graph;
        for (FlowNode node : graph.nodes()) {
            nodes.put(node.id(), node);
        }
        for (FlowEdge edge : graph.edges()) {
            out.computeIfAbsent(edge.from(), k -> new ArrayList<>()).add(edge);
            in.computeIfAbsent(edge.to(), k -> new ArrayList<>()).add(edge);
        }
        approvals = graph.nodes().stream().anyMatch(n -> NodeType.APPROVAL.key().equals(n.type()));
    }

    /** Whether the graph has approval nodes: only then can an instance hold tasks to cancel. */
    public boolean hasApprovals() {
        return approvals;
    }

    public FlowGraph graph() {
        return graph;
    }

    public FlowNode node(String id) {
        FlowNode node = nodes.get(id);
        if (node == null) {
            throw new IllegalStateException("No node '" + id + "' in this version");
        }
        return node;
    }

    public boolean has(String id) {
        return nodes.containsKey(id);
    }

    public NodeType type(String id) {
        return NodeType.byKey(node(id).type()).orElseThrow(() -> new IllegalStateException("Unknown node type of " + id));
    }

    public List<FlowEdge> leaving(String id) {
        return out.getOrDefault(id, List.of());
    }

    public List<FlowEdge> entering(String id) {
        return in.getOrDefault(id, List.of());
    }

    public Optional<FlowNode> trigger() {
        return graph.nodes().stream().filter(n -> NodeType.TRIGGER.key().equals(n.type())).findFirst();
    }
}
