package io.qiaoban.flow.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiaoban.core.workspace.WorkspaceZones;
import io.qiaoban.flow.graph.FlowNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * How long a wait node pauses: a duration ("P7D"), until the date in a field of the record (the
 * morning of that day in the workspace's zone), or until an event concerning the same customer
 * ({@code event}, optionally of one form, matched on a field of the event's record), with a timeout.
 */
@ApplicationScoped
public class Waits {
    /** What a date field means as a moment: that day, at the start of the working day. */
    static final int DATE_HOUR = 9;

    /** A pause: when its timer is due (null: no timer) and the event it waits for (null: none). */
    public record Pause(Instant dueAt, String awaits, String awaitsValue) {
    }

    private final WorkspaceZones zones;

    Waits(WorkspaceZones zones) {
        this.zones = zones;
    }

    Pause pause(FlowEngine.Run run, FlowNode node) throws SQLException {
        JsonNode c = node.config();
        if (c.has("duration")) {
            return new Pause(run.now.plus(Duration.parse(c.path("duration").asText())), null, null);
        }
        if (c.has("untilField")) {
            Instant at = moment(run.record().get(c.path("untilField").asText()), zones.zone(run.instance.workspaceId()));
            // a record without the date goes on at once: waiting for ever would hide it
            return new Pause(at == null ? run.now : at, null, null);
        }
        Instant timeout = c.has("timeout") ? run.now.plus(Duration.parse(c.path("timeout").asText())) : null;
        return new Pause(timeout, awaitKey(c.path("event").asText(), c.path("form").asText(""), c.path("match").asText("")),
                customer(run.instance));
    }

    /** Who an instance's event waits and goal are about: its customer, else its record, else itself. */
    static String customer(FlowInstance instance) {
        return instance.customerKey() != null ? instance.customerKey()
                : instance.subjectRecord() == null ? instance.id().toString() : instance.subjectRecord().toString();
    }

    /** "type|form|field": the event type, the form of its record ("" any), the field holding the customer ("" the record id). */
    public static String awaitKey(String type, String form, String field) {
        return type + "|" + form + "|" + field;
    }

    /** The customer an event concerns, read as a waiting step of this key would read it. */
    public static String customerOf(String awaitKey, String aggregateId, Map<String, Object> payload) {
        String field = awaitKey.substring(awaitKey.lastIndexOf('|') + 1);
        if (field.isEmpty()) {
            Object recordId = payload.get("recordId");
            return recordId != null ? recordId.toString() : aggregateId;
        }
        Object data = payload.get("data");
        Object value = data instanceof Map<?, ?> fields ? fields.get(field) : payload.get(field);
        return value == null ? null : value.toString();
    }

    static Instant moment(Object value, ZoneId zone) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        String text = value.toString();
        try {
            return text.length() <= 10 ? LocalDate.parse(text).atTime(DATE_HOUR, 0).atZone(zone).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
