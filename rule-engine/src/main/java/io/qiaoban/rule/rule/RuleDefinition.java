package io.qiaoban.rule.rule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What a builder writes: the trigger, the condition (an expression; empty means always), the actions
 * in order, the priority (lower runs first) and the test cases that must pass before publishing.
 * Drafts and published versions are both stored as this JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleDefinition(String name, Trigger trigger, String condition, List<RuleAction> actions, Integer priority,
        List<TestCase> testCases) {

    public RuleDefinition {
        actions = actions == null ? List.of() : List.copyOf(actions);
        testCases = testCases == null ? List.of() : List.copyOf(testCases);
        priority = priority == null ? 100 : priority;
        condition = condition == null ? "" : condition;
    }

    /**
     * What starts a rule: a domain event, a change of one field, a cron schedule, or a person. {@code form}
     * (a form key of the rule's app) narrows record events to that form's records.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Trigger(String type, String eventType, String field, String cron, String form) {
        public static final String EVENT = "event";
        public static final String FIELD_CHANGE = "fieldChange";
        public static final String SCHEDULE = "schedule";
        public static final String MANUAL = "manual";

        public Trigger(String type, String eventType, String field, String cron) {
            this(type, eventType, field, cron, null);
        }

        /** Whether an event of this trigger's type concerns the trigger's form (events carry {@code payload.form}). */
        public boolean concerns(java.util.Map<String, Object> payload) {
            return form == null || form.isBlank() || (payload != null && form.equals(payload.get("form")));
        }

        /** The event type the rule listens to, if any (field changes listen to record.updated). */
        public String listensTo() {
            return switch (type) {
                case EVENT -> eventType;
                case FIELD_CHANGE -> eventType == null || eventType.isBlank() ? "record.updated" : eventType;
                default -> null;
            };
        }
    }

    /** One step: a registered action and its config; config strings starting with "=" are expressions. */
    public record RuleAction(String action, JsonNode config) {
    }

    /** A sample payload and whether the rule must match it. */
    public record TestCase(String name, Map<String, Object> payload, String expect) {
        public boolean expectsMatch() {
            return !"noMatch".equals(expect);
        }
    }
}
