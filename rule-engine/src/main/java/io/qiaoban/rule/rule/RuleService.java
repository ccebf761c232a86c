package io.qiaoban.rule.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiaoban.core.action.ActionExecutor;
import io.qiaoban.core.action.ActionRegistry;
import io.qiaoban.core.app.AppService;
import io.qiaoban.core.auth.CurrentCaller;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.Messages;
import io.qiaoban.core.problem.Problem;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.role.Permission;
import io.qiaoban.core.workspace.WorkspaceGuard;
import io.qiaoban.rule.expression.ExpressionProblems;
import io.qiaoban.rule.rule.RuleDefinition.RuleAction;
import io.qiaoban.rule.rule.RuleDefinition.TestCase;
import io.qiaoban.rule.rule.RuleEvaluator.EventFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The rule use cases: every one checks the caller's permission in the workspace first. */
@ApplicationScoped
public class RuleService {
    private final RuleRepository rules;
    private final RuleValidator validator;
    private final RuleEvaluator evaluator;
    private final RuleRunner runner;
    private final RuleSchedule schedule;
    private final WorkspaceGuard guard;
    private final AppService apps;
    private final CurrentCaller caller;
    private final ActionRegistry registry;
    private final ActionExecutor executor;
    private final ListenedEventTypes listened;
    private final Clock clock;

    RuleService(RuleRepository rules, RuleValidator validator, RuleEvaluator evaluator, RuleRunner runner,
            RuleSchedule schedule, WorkspaceGuard guard, AppService apps, CurrentCaller caller, ActionRegistry registry,
            ActionExecutor executor, ListenedEventTypes listened, Clock clock) {
        this.rules = rules;
        this.validator = validator;
        this.evaluator = evaluator;
        this.runner = runner;
        this.schedule = schedule;
        this.guard = guard;
        this.apps = apps;
        this.caller = caller;
        this.registry = registry;
        this.executor = executor;
        this.listened = listened;
        this.clock = clock;
    }

    /** A test case's outcome against the draft. */
    public record TestResult(String name, boolean passed, Boolean conditionValue, String error) {
    }

    /** What a dry run would do: the condition's value and each action with its resolved config. */
    public record DryRun(Boolean conditionValue, boolean matched, List<DryRunAction> actions, DryRunError error) {
    }

    public record DryRunAction(String action, JsonNode config, boolean valid, String error) {
    }

    public record DryRunError(String field, String code, String message, Integer position) {
    }

    /** A rule of the list with its latest run (null when it never ran). */
    public record Listed(StoredRule rule, RuleRepository.LastRun lastRun) {
    }

    @Transactional
    public List<Listed> list(UUID workspaceId, UUID appId) throws Exception {
        guard.require(workspaceId, Permission.APP_VIEW);
        apps.get(workspaceId, appId);
        Map<UUID, RuleRepository.LastRun> last = rules.lastRuns(workspaceId, appId);
        return rules.list(workspaceId, appId).stream().map(r -> new Listed(r, last.get(r.id()))).toList();
    }

    @Transactional
    public StoredRule get(UUID workspaceId, UUID appId, UUID ruleId) throws Exception {
        guard.require(workspaceId, Permission.APP_VIEW);
        return find(workspaceId, appId, ruleId, false);
    }

    @Transactional(rollbackOn = Exception.class)
    public StoredRule create(UUID workspaceId, UUID appId, RuleDefinition draft) throws Exception {
        guard.require(workspaceId, Permission.APP_MANAGE);
        apps.get(workspaceId, appId);
        RuleDefinition valid = validator.validate(draft);
        StoredRule rule = new StoredRule(UUID.randomUUID(), workspaceId, appId, valid, 1, null, false, clock.instant());
        rules.insert(rule, caller.get().id(), clock.instant());
        return rule;
    }

    @Transactional(rollbackOn = Exception.class)
    public StoredRule update(UUID workspaceId, UUID appId, UUID ruleId, Integer ifMatch, RuleDefinition draft) throws Exception {
        guard.require(workspaceId, Permission.APP_MANAGE);
        StoredRule current = find(workspaceId, appId, ruleId, true);
        RuleDefinition valid = validator.validate(draft);
        int expected = ifMatch == null ? current.draftVersion() : ifMatch;
        if (expected != current.draftVersion()
                || !rules.updateDraft(workspaceId, ruleId, expected, valid, caller.get().id(), clock.instant())) {
            throw new ProblemException(412, "stale", current.draftVersion());
        }
        return find(workspaceId, appId, ruleId, false);
    }

    @Transactional(rollbackOn = Exception.class)
    public StoredRule publish(UUID workspaceId, UUID appId, UUID ruleId) throws Exception {
        guard.require(workspaceId, Permission.APP_MANAGE);
        StoredRule rule = find(workspaceId, appId, ruleId, true);
        validator.validate(rule.draft());
        List<TestResult> results = testResults(rule.draft());
        List<FieldError> failed = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            TestResult r = results.get(i);
            if (!r.passed()) {
                failed.add(new FieldError("testCases[" + i + "]", "rule.testCaseFailed", null));
            }
        }
        if (!failed.isEmpty()) {
            throw new ProblemException(422, "rule.testCasesFailed", failed, failed.size());
        }
        rules.publish(rule, caller.get().id(), clock.instant());
        listened.changed();
        StoredRule published = find(workspaceId, appId, ruleId, false);
        schedule.arrange(published);
        return published;
    }

    @Transactional(rollbackOn = Exception.class)
    public StoredRule setEnabled(UUID workspaceId, UUID appId, UUID ruleId, boolean enabled) throws Exception {
        guard.require(workspaceId, Permission.APP_MANAGE);
        StoredRule rule = find(workspaceId, appId, ruleId, true);
        if (enabled && rule.publishedVersion() == null) {
            throw ProblemException.conflict("rule.notPublished");
        }
        rules.setEnabled(workspaceId, ruleId, enabled, clock.instant());
        listened.changed();
        StoredRule changed = find(workspaceId, appId, ruleId, false);
        schedule.arrange(changed);
        return changed;
    }

    @Transactional(rollbackOn = Exception.class)
    public void delete(UUID workspaceId, UUID appId, UUID ruleId) throws Exception {
        guard.require(workspaceId, Permission.APP_MANAGE);
        if (!rules.delete(workspaceId, appId, ruleId)) {
            throw ProblemException.notFound("@thing.rule");
        }
    }

    @Transactional
    public List<RuleRepository.Version> versions(UUID workspaceId, UUID appId, UUID ruleId) throws Exception {
        guard.require(workspaceId, Permission.APP_VIEW);
        find(workspaceId, appId, ruleId, false);
        return rules.versions(workspaceId, ruleId);
    }

    /** Runs the draft against a payload without any side effect. */
    @Transactional
    public DryRun dryRun(UUID workspaceId, UUID appId, UUID ruleId, Map<String, Object> payload, String eventType,
            Locale locale) throws Exception {
        guard.require(workspaceId, Permission.APP_VIEW);
        StoredRule rule = find(workspaceId, appId, ruleId, false);
        RuleDefinition draft = withSample(rule.draft(), payload);
        RuleEvaluator.Evaluation e = evaluator.evaluate(draft, payload,
                new EventFacts(null, eventType == null ? draft.trigger().listensTo() : eventType, clock.instant()),
                clock.instant());
        if (e.error() != null) {
            Problem problem = Messages.problem(locale,
                    ExpressionProblems.of(e.errorField(), e.error()));
            FieldError fe = problem.errors().get(0);
            return new DryRun(e.conditionValue(), false, List.of(),
                    new DryRunError(fe.field(), fe.code(), fe.message(), fe.position()));
        }
        List<DryRunAction> actions = new ArrayList<>();
        if (e.matched()) {
            for (RuleAction action : e.actions()) {
                String error = null;
                try {
                    executor.validate(registry.find(action.action()).orElseThrow(), action.config());
                } catch (ProblemException p) {
                    error = Messages.problem(locale, p).detail();
                }
                actions.add(new DryRunAction(action.action(), action.config(), error == null, error));
            }
        }
        return new DryRun(e.conditionValue(), e.matched(), actions, null);
    }

    /** Runs the published version now, for real, with the given payload. */
    @Transactional(rollbackOn = Exception.class)
    public RuleRun runNow(UUID workspaceId, UUID appId, UUID ruleId, Map<String, Object> payload) throws Exception {
        guard.require(workspaceId, Permission.APP_MANAGE);
        find(workspaceId, appId, ruleId, false);
        RuleRepository.Runnable rule = rules.published(workspaceId, ruleId)
                .orElseThrow(() -> ProblemException.conflict("rule.notEnabled"));
        UUID run = UUID.randomUUID();
        return runner.run(rule, payload == null ? Map.of() : payload, new EventFacts(null, null, clock.instant()),
                RuleDefinition.Trigger.MANUAL, "rule:" + ruleId + "|manual:" + run, 0);
    }

    @Transactional
    public List<RuleRun> runs(UUID workspaceId, UUID appId, UUID ruleId, String outcome, RuleRepository.RunCursor before,
            int limit) throws Exception {
        // a run keeps the actions as they ran, their formulas resolved against the record: values a reader's
        // role may not see on that form, so the log is for those who manage the app
        guard.require(workspaceId, Permission.APP_MANAGE);
        apps.get(workspaceId, appId);
        return rules.runs(workspaceId, appId, ruleId, outcome, before, limit);
    }

    public List<TestResult> testResults(RuleDefinition rule) {
        List<TestResult> results = new ArrayList<>();
        for (TestCase testCase : rule.testCases()) {
            RuleEvaluator.Evaluation e = evaluator.evaluate(rule, testCase.payload(),
                    new EventFacts(null, rule.trigger().listensTo(), clock.instant()), clock.instant());
            if (e.error() != null) {
                results.add(new TestResult(testCase.name(), false, e.conditionValue(),
                        RuleRunner.describe(e.errorField(), e.error())));
            } else {
                // the actions' settings, formulas resolved for this sample, must fit their schemas too
                String invalid = e.matched() ? invalidConfig(e.actions()) : null;
                results.add(new TestResult(testCase.name(), e.matched() == testCase.expectsMatch() && invalid == null,
                        e.conditionValue(), invalid));
            }
        }
        return results;
    }

    private String invalidConfig(List<RuleAction> actions) {
        for (int i = 0; i < actions.size(); i++) {
            RuleAction action = actions.get(i);
            try {
                executor.validate(registry.find(action.action()).orElseThrow(), action.config());
            } catch (ProblemException p) {
                return "actions[" + i + "]: " + Messages.problem(Messages.ZH, p).detail();
            }
        }
        return null;
    }

    /** The test console's payload names fields too: the draft compiles against them as well. */
    private static RuleDefinition withSample(RuleDefinition d, Map<String, Object> payload) {
        List<TestCase> cases = new ArrayList<>(d.testCases());
        cases.add(new TestCase("console", payload == null ? Map.of() : payload, "match"));
        return new RuleDefinition(d.name(), d.trigger(), d.condition(), d.actions(), d.priority(), cases);
    }

    private StoredRule find(UUID workspaceId, UUID appId, UUID ruleId, boolean lock) throws Exception {
        return rules.find(workspaceId, appId, ruleId, lock).orElseThrow(() -> ProblemException.notFound("@thing.rule"));
    }
}
