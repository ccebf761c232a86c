package io.qiaoban.rule.rule;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiaoban.core.event.PublishEventAction;
import io.qiaoban.core.job.Job;
import io.qiaoban.core.job.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Runs one rule for one event. The idempotency key of its actions is rule + event: a redelivered
 * event or a retried job runs each action at most once. A rule disabled since the event was queued
 * does not run.
 */
@ApplicationScoped
public class RuleRunJobHandler implements JobHandler {
    public static final String TYPE = "rule.run";

    private final RuleRepository rules;
    private final RuleRunner runner;
    private final ObjectMapper json;

    RuleRunJobHandler(RuleRepository rules, RuleRunner runner, ObjectMapper json) {
        this.rules = rules;
        this.runner = runner;
        this.json = json;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void handle(Job job) throws Exception {
        JsonNode p = job.payload();
        UUID ruleId = UUID.fromString(p.path("rule").asText());
        long eventId = p.path("event").asLong();
        var rule = rules.published(job.workspaceId(), ruleId);
        if (rule.isEmpty()) {
            return;
        }
        Map<String, Object> payload = json.convertValue(p.path("payload"), new TypeReference<Map<String, Object>>() {
        });
        int depth = payload != null && payload.get(PublishEventAction.CHAIN_DEPTH) instanceof Number n ? n.intValue() : 0;
        String occurredAt = p.path("occurredAt").asText(null);
        runner.run(rule.get(), payload, new RuleEvaluator.EventFacts(eventId, p.path("eventType").asText(),
                        occurredAt == null ? null : Instant.parse(occurredAt)),
                rule.get().definition().trigger().type(), "rule:" + ruleId + "|event:" + eventId, depth);
    }
}
