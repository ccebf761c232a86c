package io.qiaoban.rule.rule;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One execution of a rule, as the run log shows it. */
public record RuleRun(UUID id, UUID ruleId, String ruleName, int ruleVersion, String triggerType, String eventType,
        Long eventId, Boolean conditionResult, String outcome, List<ActionOutcome> actions, Integer durationMs,
        String error, Instant startedAt) {

    public static final String SKIPPED = "skipped";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    /** What one action did in the run. */
    public record ActionOutcome(String action, JsonNode config, String outcome, String summary, String error) {
    }
}
