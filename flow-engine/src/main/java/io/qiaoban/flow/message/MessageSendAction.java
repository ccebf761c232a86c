package io.qiaoban.flow.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiaoban.core.action.Action;
import io.qiaoban.core.action.ActionContext;
import io.qiaoban.core.action.ActionResult;
import io.qiaoban.core.event.DomainEvent;
import io.qiaoban.core.event.DomainEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * "message.send": writes a message to the message log under its idempotency key and hands it to its
 * channel through a "message.queued" event (the SMS connector subscribes to it), in the caller's
 * transaction. The engine, not each flow, holds marketing messages back for customers who opted out
 * (退订) or who already got {@code daily-cap} marketing messages in the last 24 hours; quiet hours are
 * applied before the step runs ({@link QuietHours}). Service messages ("marketing": false) always go.
 */
@ApplicationScoped
public class MessageSendAction implements Action {
    public static final String KEY = "message.send";

    private final MessageLog log;
    private final DomainEvents events;
    private final Clock clock;
    private final ObjectMapper json;
    private final int dailyCap;
    private final JsonNode schema;

    MessageSendAction(MessageLog log, DomainEvents events, Clock clock, ObjectMapper json,
            @ConfigProperty(name = "qiaoban.messages.daily-cap", defaultValue = "2") int dailyCap) throws Exception {
        this.log = log;
        this.events = events;
        this.clock = clock;
        this.json = json;
        this.dailyCap = dailyCap;
        this.schema = json.readTree("""
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
                 "required": ["template"], "additionalProperties": false,
                 "properties": {
                   "template": {"type": "string", "title": "模板 / Template", "minLength": 1, "maxLength": 100},
                   "body": {"type": "string", "title": "内容 / Text", "maxLength": 2000},
                   "to": {"type": ["string", "null"], "title": "收件人 / Recipient", "maxLength": 200},
                   "channel": {"type": "string", "title": "渠道 / Channel", "enum": ["sms", "wechat", "email"]},
                   "marketing": {"type": "boolean", "title": "营销消息 / Marketing"},
                   "instance": {"type": "string", "title": "流程实例 / Flow instance", "format": "uuid"}}}""");
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public JsonNode configSchema() {
        return schema;
    }

    /** Whether a message config is marketing (the default): quiet hours, caps and opt-outs apply to it. */
    public static boolean marketing(JsonNode config) {
        return config.path("marketing").asBoolean(true);
    }

    /** A fact about the recipient, read only when the rule needs it. */
    @FunctionalInterface
    public interface Fact<T> {
        T read() throws SQLException;
    }

    /**
     * What the engine does with a message: "no-recipient", "opted-out" (退订), "capped" (the daily
     * cap of marketing messages in the last 24 hours reached) or "queued". Service messages skip the
     * opt-out and the cap. The simulator asks the same rule with its own count of the day.
     */
    public String state(String recipient, boolean marketing, Fact<Boolean> optedOut, Fact<? extends Number> marketingToday)
            throws SQLException {
        return recipient.isEmpty() ? "no-recipient"
                : marketing && optedOut.read() ? "opted-out"
                : marketing && marketingToday.read().longValue() >= dailyCap ? "capped"
                : "queued";
    }

    @Override
    public ActionResult execute(ActionContext context, JsonNode config) throws Exception {
        UUID workspace = context.workspaceId();
        Instant now = clock.instant();
        String recipient = config.path("to").asText("").trim();
        boolean marketing = marketing(config);
        String channel = config.path("channel").asText("sms");
        String template = config.path("template").asText();
        String state = state(recipient, marketing, () -> log.optedOut(workspace, recipient),
                () -> log.marketingSince(workspace, recipient, now.minus(Duration.ofDays(1))));
        UUID instance = config.hasNonNull("instance") ? UUID.fromString(config.path("instance").asText()) : null;
        Optional<Long> id = log.insert(workspace, workspace + ":" + context.idempotencyKey(), instance, channel,
                recipient.isEmpty() ? "-" : recipient, template, config.path("body").asText(null), marketing, state, now);
        if (id.isPresent() && state.equals("queued")) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("messageId", id.get());
            payload.put("channel", channel);
            payload.put("recipient", recipient);
            payload.put("template", template);
            payload.put("body", config.path("body").asText(null));
            events.publish(new DomainEvent(workspace, "message.queued", String.valueOf(id.get()), payload));
        }
        return new ActionResult(json.createObjectNode().put("messageId", id.orElse(null)).put("state", state),
                "message " + template + " to " + recipient + ": " + state);
    }
}
