package io.qiaoban.flow.graph;

/**
 * What is wrong with a graph, pointing at what to fix: a node (by id), an edge (by index), or the
 * graph as a whole (both null). {@code code} is a message key ("flow.graph.noTrigger"); the API turns
 * problems into problem+json field errors ("nodes.approve1", "edges[3]", "goal") in the user's language.
 */
public record GraphProblem(String nodeId, Integer edgeIndex, String code, Object... args) {
    private static final String GOAL = "flow.goal.";

    public static GraphProblem graph(String code, Object... args) {
        return new GraphProblem(null, null, code, args);
    }

    public static GraphProblem node(String nodeId, String code, Object... args) {
        return new GraphProblem(nodeId, null, code, args);
    }

    /** A problem of the journey's goal (its code starts with "flow.goal."). */
    public static GraphProblem goal(String code, Object... args) {
        if (!code.startsWith(GOAL)) {
            throw new IllegalArgumentException("A goal problem's code starts with " + GOAL + ": " + code);
        }
        return new GraphProblem(null, null, code, args);
    }

    public static GraphProblem edge(int index, String code, Object... args) {
        return new GraphProblem(null, index, code, args);
    }

    /** Where the problem is, as the API names it. */
    public String field() {
        return nodeId != null ? "nodes." + nodeId : edgeIndex != null ? "edges[" + edgeIndex + "]"
                : code.startsWith(GOAL) ? "goal" : "graph";
    }

    @Override
    public String toString() {
        return field() + ": " + code;
    }
}
