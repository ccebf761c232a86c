package io.qiaoban.rule.rule;

import com.cronutils.model.time.ExecutionTime;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiaoban.core.expression.ExpressionContext;
import io.qiaoban.core.job.JobQueue;
import io.qiaoban.core.job.NewJob;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Scheduled rules run as jobs of the durable job queue: one job per due time, deduplicated by rule and
 * time, so two nodes (or a restart) never queue the same slot twice; each run queues the next.
 */
@ApplicationScoped
public class RuleSchedule {
    public static final String JOB = "rule.schedule";

    private final JobQueue jobs;
    private final RuleRepository rules;
    private final ObjectMapper json;
    private final Clock clock;

    RuleSchedule(JobQueue jobs, RuleRepository rules, ObjectMapper json, Clock clock) {
        this.jobs = jobs;
        this.rules = rules;
        this.json = json;
        this.clock = clock;
    }

    /** Queues the next run of a rule that is enabled and scheduled; anything else needs nothing. */
    public void arrange(StoredRule rule) throws java.sql.SQLException {
        var published = rules.published(rule.workspaceId(), rule.id());
        if (published.isPresent() && RuleDefinition.Trigger.SCHEDULE.equals(published.get().definition().trigger().type())) {
            queueAfter(rule.id(), rule.workspaceId(), published.get().definition().trigger().cron(), clock.instant());
        }
    }

    void queueAfter(java.util.UUID ruleId, java.util.UUID workspaceId, String cron, Instant after) {
        next(cron, after).ifPresent(due -> jobs.enqueue(NewJob.of(JOB, json.createObjectNode()
                        .put("rule", ruleId.toString()).put("cron", cron).put("due", due.toString()))
                .inWorkspace(workspaceId).at(due).dedupe(JOB + ":" + ruleId + ":" + due)));
    }

    static Optional<Instant> next(String cron, Instant after) {
        return ExecutionTime.forCron(RuleValidator.CRON.parse(cron))
                .nextExecution(ZonedDateTime.ofInstant(after, ExpressionContext.DEFAULT_ZONE))
                .map(ZonedDateTime::toInstant);
    }
}
