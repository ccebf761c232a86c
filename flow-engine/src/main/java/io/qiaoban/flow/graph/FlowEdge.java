package io.qiaoban.flow.graph;

/**
 * A way from one node to the next. {@code when} depends on the node it leaves: an expression or
 * "else" after a condition, "approved"/"rejected" after an approval, "timeout" after a wait, a variant
 * key after an A/B split; absent otherwise.
 */
public record FlowEdge(String from, String to, String when) {
    public static FlowEdge of(String from, String to) {
        return new FlowEdge(from, to, null);
    }
}
