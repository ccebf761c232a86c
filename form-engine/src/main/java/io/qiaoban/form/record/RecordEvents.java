package io.qiaoban.form.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.core.event.DomainEvent;
import io.qiaoban.core.event.DomainEvents;
import io.qiaoban.core.event.PublishEventAction;
import io.qiaoban.form.form.PublishedForm;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The record events, written to the outbox in the record's transaction: "record.created",
 * "record.updated" (with {@code changed}, the keys of the fields that changed, and {@code before},
 * their old values), "record.deleted" and "record.restored". Payload: app, form key, record id,
 * version and the record's data, so rules can read fields directly; {@code _chainDepth} counts the
 * automated steps that led here.
 */
@ApplicationScoped
public class RecordEvents {
    public static final String CREATED = "record.created";
    public static final String UPDATED = "record.updated";
    public static final String DELETED = "record.deleted";
    public static final String RESTORED = "record.restored";

    private final DomainEvents events;

    RecordEvents(DomainEvents events) {
        this.events = events;
    }

    public void publish(String type, PublishedForm form, StoredRecord record, Collection<String> changed, ObjectNode before,
            int chainDepth) {
        Map<String, Object> payload = payload(form, record.id(), record.version(), record.data());
        if (changed != null) {
            payload.put("changed", List.copyOf(changed));
            payload.put("before", orEmpty(before));
        }
        if (chainDepth > 0) {
            payload.put(PublishEventAction.CHAIN_DEPTH, chainDepth);
        }
        events.publish(new DomainEvent(record.workspaceId(), type, record.id().toString(), payload));
    }

    /** The "created" event of a record written in bulk (an import), for {@link DomainEvents#publishAll}. */
    public static DomainEvent created(PublishedForm form, UUID recordId, ObjectNode data) {
        return new DomainEvent(form.workspaceId(), CREATED, recordId.toString(), payload(form, recordId, 1, data));
    }

    private static Map<String, Object> payload(PublishedForm form, UUID recordId, long version, JsonNode data) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("app", form.appId().toString());
        payload.put("form", form.key());
        payload.put("formId", form.formId().toString());
        payload.put("recordId", recordId.toString());
        payload.put("version", version);
        payload.put("data", orEmpty(data));
        return payload;
    }

    // the outbox writes the payload as JSON: a node goes in as it is, not converted to maps first
    private static JsonNode orEmpty(JsonNode node) {
        return node == null ? JsonNodeFactory.instance.objectNode() : node;
    }
}
