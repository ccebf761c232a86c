package io.qiaoban.flow.graph;

/**
 * What is wrong with a graph, pointing at what to fix: a node (by id), an edge (by index), or the
 * graph as a whole (both null). {@code code} is a message key ("flow.graph.noTrigger"); the API turns
 * problems into problem+json field errors ("nodes.approve1", "edges[3]") in the user's language.
 */
public record GraphProblem(String nodeId, Integer edgeIndex, String code, Object... args) {
    public static GraphProblem graph(String code, Object... args) {
        return new GraphProblem(null, null, code, args);
    }

    public static GraphProblem node(String nodeId, String code, Object... args) {
        return new GraphProblem(nodeId, null, code, args);
    }

    public static GraphProblem edge(int index, String code, Object... args) {
        return new GraphProblem(null, index, code, args);
    }

    /** Where the problem is, as the API names it. */
    public String field() {
        return nodeId != null ? "nodes." + nodeId : edgeIndex != null ? "edges[" + edgeIndex + "]" : "graph";
    }

    @Override
    public String toString() {
        return field() + ": " + code;
    }
}
