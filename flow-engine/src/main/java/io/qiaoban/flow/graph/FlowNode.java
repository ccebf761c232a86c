package io.qiaoban.flow.graph;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One step of a flow. {@code type} is a {@link NodeType} key (kept as text so that an unknown type is
 * reported on its node, not as an unreadable graph); {@code name} is what the designer and the monitor
 * show; {@code position} is where the designer draws it.
 */
public record FlowNode(String id, String type, String name, ObjectNode config, ObjectNode position) {
    public FlowNode {
        config = config == null ? JsonNodeFactory.instance.objectNode() : config;
    }

    public static FlowNode of(String id, String type, ObjectNode config) {
        return new FlowNode(id, type, null, config, null);
    }
}
