package io.qiaoban.core.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** What an action did; {@code output} is what later steps of a flow may read. */
public record ActionResult(JsonNode output, String summary) {
    public static ActionResult of(String summary) {
        return new ActionResult(JsonNodeFactory.instance.objectNode(), summary);
    }
}
