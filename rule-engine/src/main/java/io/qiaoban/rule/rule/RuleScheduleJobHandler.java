package io.qiaoban.rule.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiaoban.core.job.Job;
import io.qiaoban.core.job.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Runs a scheduled rule for one due time, then queues the next; a stale slot (cron changed, rule disabled) ends quietly. */
@ApplicationScoped
public class RuleScheduleJobHandler implements JobHandler {
    private final RuleRepository rules;
    private final RuleRunner runner;
    private final RuleSchedule schedule;

    RuleScheduleJobHandler(RuleRepository rules, RuleRunner runner, RuleSchedule schedule) {
        this.rules = rules;
        this.runner = runner;
        this.schedule = schedule;
    }

    @Override
    public String type() {
        return RuleSchedule.JOB;
    }

    @Override
    public void handle(Job job) throws Exception {
        JsonNode p = job.payload();
        UUID ruleId = UUID.fromString(p.path("rule").asText());
        String cron = p.path("cron").asText();
        Instant due = Instant.parse(p.path("due").asText());
        var rule = rules.published(job.workspaceId(), ruleId);
        if (rule.isEmpty() || !RuleDefinition.Trigger.SCHEDULE.equals(rule.get().definition().trigger().type())
                || !cron.equals(rule.get().definition().trigger().cron())) {
            return;
        }
        // the next slot first: a run that ends in the dead letters must not end the schedule
        schedule.queueAfter(ruleId, job.workspaceId(), cron, due);
        runner.run(rule.get(), Map.of("scheduledAt", due.toString()), new RuleEvaluator.EventFacts(null, null, due),
                RuleDefinition.Trigger.SCHEDULE, "rule:" + ruleId + "|schedule:" + due, 0);
    }
}
