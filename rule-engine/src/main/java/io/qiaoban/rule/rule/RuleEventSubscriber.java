package io.qiaoban.rule.rule;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiaoban.core.event.DomainEvent;
import io.qiaoban.core.event.DomainEventSubscriber;
import io.qiaoban.core.job.JobQueue;
import io.qiaoban.core.job.NewJob;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Rules subscribe to domain events through the outbox: for each enabled rule listening to the event
 * (and, for field-change triggers, only when that field changed) one "rule.run" job is queued, in
 * the delivery's transaction. Each rule then runs, retries and fails on its own.
 */
@ApplicationScoped
public class RuleEventSubscriber implements DomainEventSubscriber {
    private final RuleRepository rules;
    private final ListenedEventTypes listened;
    private final JobQueue jobs;
    private final ObjectMapper json;

    RuleEventSubscriber(RuleRepository rules, ListenedEventTypes listened, JobQueue jobs, ObjectMapper json) {
        this.rules = rules;
        this.listened = listened;
        this.jobs = jobs;
        this.json = json;
    }

    @Override
    public String key() {
        return "rule-engine.rules";
    }

    @Override
    public boolean accepts(String eventType) {
        return listened.contains(eventType);
    }

    @Override
    public void handle(DomainEvent event) {
        try {
            for (RuleRepository.Runnable rule : rules.listeningTo(event.workspaceId(), event.type())) {
                RuleDefinition.Trigger trigger = rule.definition().trigger();
                if (!trigger.concerns(event.payload())
                        || (RuleDefinition.Trigger.FIELD_CHANGE.equals(trigger.type()) && !changed(event, trigger.field()))) {
                    continue;
                }
                jobs.enqueue(NewJob.of(RuleRunJobHandler.TYPE, json.createObjectNode()
                                .put("rule", rule.id().toString())
                                .put("event", event.id())
                                .put("eventType", event.type())
                                .put("occurredAt", event.occurredAt() == null ? null : event.occurredAt().toString())
                                .set("payload", json.valueToTree(event.payload())))
                        .inWorkspace(event.workspaceId())
                        .dedupe(RuleRunJobHandler.TYPE + ":" + rule.id() + ":" + event.id()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** record.updated events name the fields that changed in {@code payload.changed}. */
    private static boolean changed(DomainEvent event, String field) {
        Object changed = event.payload() == null ? null : event.payload().get("changed");
        return changed instanceof Collection<?> fields && fields.contains(field);
    }
}
