package io.qiaoban.core.event;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiaoban.core.action.Action;
import io.qiaoban.core.action.ActionContext;
import io.qiaoban.core.action.ActionResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * "event.publish": publishes a domain event of the workspace, so rules and flows can chain ("a
 * customer became VIP" starts a journey). The event goes through the outbox in the action's
 * transaction. Events published by rules carry how many rule steps led to them
 * ({@link #CHAIN_DEPTH}), so a rule that answers its own event stops instead of looping. The
 * platform's own event namespaces (record., flow., rule., connector....) are refused: a builder must
 * not forge "record.updated" for a record that did not change.
 */
@ApplicationScoped
public class PublishEventAction implements Action {
    public static final String KEY = "event.publish";
    /** Payload key: the number of rule-published events in the chain that led to this one. */
    public static final String CHAIN_DEPTH = "_chainDepth";

    private final DomainEvents events;
    private final ObjectMapper json;
    private final JsonNode schema;

    PublishEventAction(DomainEvents events, ObjectMapper json) throws Exception {
        this.events = events;
        this.json = json;
        this.schema = json.readTree("""
                {"type": "object", "required": ["eventType"], "additionalProperties": false,
                 "properties": {
                   "eventType": {"type": "string", "title": "事件类型 / Event type",
                                 "pattern": "^[a-z][a-zA-Z0-9_]*(\\\\.[a-zA-Z0-9_]+)+$", "maxLength": 64,
                                 "not": {"pattern": "^(record|flow|rule|connector|job|audit|app|workspace)\\\\."},
                                 "description": "customer.vip"},
                   "payload": {"type": "object", "title": "内容 / Payload", "additionalProperties": true}}}""");
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public JsonNode configSchema() {
        return schema;
    }

    @Override
    public ActionResult execute(ActionContext context, JsonNode config) {
        Map<String, Object> payload = new LinkedHashMap<>();
        if (config.hasNonNull("payload")) {
            payload.putAll(json.convertValue(config.get("payload"), new TypeReference<Map<String, Object>>() {
            }));
        }
        payload.put(CHAIN_DEPTH, context.chainDepth() + 1);
        String type = config.get("eventType").asText();
        long id = events.publish(new DomainEvent(context.workspaceId(), type, null, payload));
        return new ActionResult(json.createObjectNode().put("eventId", id), "published " + type + " #" + id);
    }
}
