package io.qiaoban.rule.rule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import io.qiaoban.core.action.Action;
import io.qiaoban.core.action.ActionExecutor;
import io.qiaoban.core.action.ActionRegistry;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.validation.Check;
import io.qiaoban.rule.expression.ExpressionProblems;
import io.qiaoban.rule.rule.RuleDefinition.RuleAction;
import io.qiaoban.rule.rule.RuleDefinition.TestCase;
import io.qiaoban.rule.rule.RuleDefinition.Trigger;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a rule draft before it is stored: name, trigger, every expression, every action config. */
@ApplicationScoped
public class RuleValidator {
    static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Pattern EVENT_TYPE = Pattern.compile("^[a-z][a-zA-Z0-9_]*(\\.[a-zA-Z0-9_]+)+$");
    private static final Set<String> TRIGGERS = Set.of(Trigger.EVENT, Trigger.FIELD_CHANGE, Trigger.SCHEDULE, Trigger.MANUAL);

    private final RuleEvaluator evaluator;
    private final ActionRegistry registry;
    private final ActionExecutor executor;

    RuleValidator(RuleEvaluator evaluator, ActionRegistry registry, ActionExecutor executor) {
        this.evaluator = evaluator;
        this.registry = registry;
        this.executor = executor;
    }

    public RuleDefinition validate(RuleDefinition rule) {
        Check.required("body", rule);
        String name = Check.name("name", rule.name(), 100);
        Trigger trigger = Check.required("trigger", rule.trigger());
        if (trigger.type() == null || !TRIGGERS.contains(trigger.type())) {
            throw ProblemException.invalid("trigger.type", "rule.triggerType");
        }
        switch (trigger.type()) {
            case Trigger.EVENT -> eventType("trigger.eventType", trigger.eventType());
            case Trigger.FIELD_CHANGE -> {
                if (trigger.eventType() != null && !trigger.eventType().isBlank()) {
                    eventType("trigger.eventType", trigger.eventType());
                }
                Check.name("trigger.field", trigger.field(), 100);
            }
            case Trigger.SCHEDULE -> {
                try {
                    CRON.parse(Check.required("trigger.cron", trigger.cron())).validate();
                } catch (IllegalArgumentException e) {
                    throw ProblemException.invalid("trigger.cron", "rule.cron", trigger.cron());
                }
            }
            default -> {
            }
        }
        if (trigger.form() != null && !trigger.form().isBlank() && !trigger.form().matches("^[A-Za-z][A-Za-z0-9_]{0,63}$")) {
            throw ProblemException.invalid("trigger.form", "rule.triggerForm");
        }
        if (rule.priority() < 0 || rule.priority() > 10_000) {
            throw ProblemException.invalid("priority", "rule.priority");
        }
        if (rule.actions().size() > 20) {
            throw ProblemException.invalid("actions", "rule.tooManyActions", 20);
        }
        for (int i = 0; i < rule.actions().size(); i++) {
            RuleAction action = rule.actions().get(i);
            String field = "actions[" + i + "]";
            if (action == null || action.action() == null) {
                throw ProblemException.invalid(field + ".action", "required");
            }
            Action found = registry.find(action.action())
                    .orElseThrow(() -> ProblemException.invalid(field + ".action", "rule.unknownAction", action.action()));
            validateConfig(found, action, field);
        }
        if (rule.testCases().size() > 50) {
            throw ProblemException.invalid("testCases", "rule.tooManyTestCases", 50);
        }
        for (int i = 0; i < rule.testCases().size(); i++) {
            TestCase testCase = rule.testCases().get(i);
            if (testCase == null) {
                throw ProblemException.invalid("testCases[" + i + "]", "required");
            }
            Check.name("testCases[" + i + "].name", testCase.name(), 100);
            if (testCase.expect() != null && !Set.of("match", "noMatch").contains(testCase.expect())) {
                throw ProblemException.invalid("testCases[" + i + "].expect", "rule.expect");
            }
        }
        try {
            evaluator.check(rule);
        } catch (RuleEvaluator.FieldExpressionException e) {
            throw ExpressionProblems.of(e.field(), e.expressionError());
        }
        return new RuleDefinition(name, trigger, rule.condition().strip(), rule.actions(), rule.priority(), rule.testCases());
    }

    /** Schema-checks a config whose formulas are not evaluated yet: each "=..." text stands in for any value. */
    private void validateConfig(Action action, RuleAction ruleAction, String field) {
        if (containsFormula(ruleAction.config())) {
            return; // checked with the resolved values at dry run, test case and run time
        }
        try {
            executor.validate(action, ruleAction.config());
        } catch (ProblemException e) {
            List<FieldError> errors = e.errors().stream()
                    .map(f -> new FieldError(field + "." + f.field(), f.code(), f.message())).toList();
            throw new ProblemException(e.status(), e.code(), errors, e.args());
        }
    }

    private static boolean containsFormula(com.fasterxml.jackson.databind.JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isTextual()) {
            return RuleEvaluator.isFormula(node.asText());
        }
        for (com.fasterxml.jackson.databind.JsonNode child : node) {
            if (containsFormula(child)) {
                return true;
            }
        }
        return false;
    }

    private static void eventType(String field, String value) {
        if (value == null || value.length() > 64 || !EVENT_TYPE.matcher(value).matches()) {
            throw ProblemException.invalid(field, "rule.eventType");
        }
    }
}
