package io.qiaoban.rule.rule;

import io.qiaoban.core.action.ActionContext;
import io.qiaoban.core.action.ActionExecutor;
import io.qiaoban.core.action.ActionResult;
import io.qiaoban.core.expression.ExpressionException;
import io.qiaoban.core.problem.Messages;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.rule.expression.ExpressionProblems;
import io.qiaoban.rule.rule.RuleDefinition.RuleAction;
import io.qiaoban.rule.rule.RuleEvaluator.EventFacts;
import io.qiaoban.rule.rule.RuleRepository.Runnable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a published rule for real: condition, then each action through the action executor with an
 * idempotency key derived from the rule and what triggered it (event, schedule slot, manual run), so
 * a redelivered event or a retried job never runs an action twice. Every run is logged.
 */
@ApplicationScoped
public class RuleRunner {
    /** Rules publishing events that trigger rules stop here instead of looping for ever. */
    public static final int MAX_CHAIN_DEPTH = 8;

    private final RuleEvaluator evaluator;
    private final ActionExecutor actions;
    private final RunLog log;
    private final Clock clock;

    RuleRunner(RuleEvaluator evaluator, ActionExecutor actions, RunLog log, Clock clock) {
        this.evaluator = evaluator;
        this.actions = actions;
        this.log = log;
        this.clock = clock;
    }

    /** A run whose action failed; the failed run is already in the log. */
    public static class RunFailed extends Exception {
        private final RuleRun run;

        RunFailed(RuleRun run, Throwable cause) {
            super("Rule " + run.ruleId() + " failed: " + run.error(), cause);
            this.run = run;
        }

        public RuleRun run() {
            return run;
        }
    }

    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    public RuleRun run(Runnable rule, Map<String, Object> payload, EventFacts event, String triggerType,
            String idempotencyBase, int chainDepth) throws Exception {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        RuleDefinition d = rule.definition();
        if (chainDepth >= MAX_CHAIN_DEPTH) {
            RuleRun run = new RuleRun(UUID.randomUUID(), rule.id(), d.name(), rule.version(), triggerType, event.type(),
                    event.id(), null, RuleRun.SKIPPED, List.of(), millis(t0),
                    Messages.text(Messages.ZH, "rule.chainTooDeep", MAX_CHAIN_DEPTH), started);
            log.record(rule.workspaceId(), rule.appId(), run);
            return run;
        }
        RuleEvaluator.Evaluation evaluation = evaluator.evaluate(d, payload, event, started);
        if (evaluation.error() != null) {
            RuleRun run = new RuleRun(UUID.randomUUID(), rule.id(), d.name(), rule.version(), triggerType, event.type(),
                    event.id(), evaluation.conditionValue(), RuleRun.FAILED, List.of(), millis(t0),
                    describe(evaluation.errorField(), evaluation.error()), started);
            log.record(rule.workspaceId(), rule.appId(), run);
            return run;
        }
        if (!evaluation.matched()) {
            RuleRun run = new RuleRun(UUID.randomUUID(), rule.id(), d.name(), rule.version(), triggerType, event.type(),
                    event.id(), false, RuleRun.SKIPPED, List.of(), millis(t0), null, started);
            log.record(rule.workspaceId(), rule.appId(), run);
            return run;
        }
        List<RuleRun.ActionOutcome> outcomes = new ArrayList<>();
        List<RuleAction> resolved = evaluation.actions();
        for (int i = 0; i < resolved.size(); i++) {
            RuleAction action = resolved.get(i);
            String key = idempotencyBase + "|action:" + i;
            try {
                ActionResult result = actions.execute(action.action(),
                        new ActionContext(rule.workspaceId(), rule.appId(), key, "rule:" + rule.id(), chainDepth), action.config());
                outcomes.add(new RuleRun.ActionOutcome(action.action(), action.config(), RuleRun.SUCCEEDED,
                        result == null ? null : result.summary(), null));
            } catch (Exception e) {
                outcomes.add(new RuleRun.ActionOutcome(action.action(), action.config(), RuleRun.FAILED, null, reason(e)));
                for (int j = i + 1; j < resolved.size(); j++) {
                    outcomes.add(new RuleRun.ActionOutcome(resolved.get(j).action(), resolved.get(j).config(),
                            RuleRun.SKIPPED, null, null));
                }
                RuleRun run = new RuleRun(UUID.randomUUID(), rule.id(), d.name(), rule.version(), triggerType,
                        event.type(), event.id(), true, RuleRun.FAILED, outcomes, millis(t0), reason(e), started);
                log.recordFailure(rule.workspaceId(), rule.appId(), run);
                throw new RunFailed(run, e);
            }
        }
        RuleRun run = new RuleRun(UUID.randomUUID(), rule.id(), d.name(), rule.version(), triggerType, event.type(),
                event.id(), true, RuleRun.SUCCEEDED, outcomes, millis(t0), null, started);
        log.record(rule.workspaceId(), rule.appId(), run);
        return run;
    }

    static String describe(String field, ExpressionException e) {
        return field + ": " + Messages.text(Messages.ZH, "field." + e.code(), ExpressionProblems.messageArgs(e));
    }

    private static String reason(Exception e) {
        if (e instanceof ProblemException p) {
            String detail = Messages.problem(Messages.ZH, p).detail();
            return detail == null ? p.code() : detail;
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + (message.length() > 300 ? message.substring(0, 300) : message));
    }

    private static int millis(long t0) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - t0) / 1_000_000);
    }
}
