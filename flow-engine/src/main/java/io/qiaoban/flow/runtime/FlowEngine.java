package io.qiaoban.flow.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.core.event.DomainEvent;
import io.qiaoban.core.event.DomainEvents;
import io.qiaoban.core.expression.ExpressionException;
import io.qiaoban.core.job.JobQueue;
import io.qiaoban.core.job.NewJob;
import io.qiaoban.core.problem.Messages;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.flow.approval.ApprovalTasks;
import io.qiaoban.flow.definition.FlowRepository;
import io.qiaoban.flow.graph.FlowEdge;
import io.qiaoban.flow.graph.FlowGoal;
import io.qiaoban.flow.graph.FlowNode;
import io.qiaoban.flow.graph.NodeType;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs instances. Every step is a row written before it is acted on; acting on it and writing the
 * steps it leads to happen in one transaction, the one of its "flow.step" job (or of the request or
 * event delivery that moved it). A crash before the commit replays the step, a crash after it finds
 * it done: nothing is lost and nothing happens twice. Steps that need no waiting (actions,
 * conditions, splits) run on in the same transaction; a wait or an approval pauses its step and a
 * timer job (or a decision, or an event) moves it on later.
 */
@ApplicationScoped
public class FlowEngine {
    public static final String STEP_JOB = "flow.step";
    /** Steps run in one transaction before the rest is handed to jobs: a long chain must not hold locks for long. */
    static final int INLINE_STEPS = 100;
    static final String CHAIN_DEPTH = "_chainDepth";
    /** Why a journey let a customer go before an end node. */
    public static final String EXIT_GOAL = "goal";
    public static final String EXIT_CONDITION = "condition";

    private final InstanceRepository instances;
    private final PublishedGraphs graphs;
    private final StepActions actions;
    private final FlowFacts facts;
    private final Waits waits;
    private final FlowEventTypes eventTypes;
    private final ApprovalTasks approvals;
    private final JobQueue jobs;
    private final DomainEvents events;
    private final Clock clock;
    private final ObjectMapper json;

    FlowEngine(InstanceRepository instances, PublishedGraphs graphs, StepActions actions, FlowFacts facts, Waits waits,
            FlowEventTypes eventTypes, ApprovalTasks approvals, JobQueue jobs, DomainEvents events, Clock clock, ObjectMapper json) {
        this.instances = instances;
        this.graphs = graphs;
        this.actions = actions;
        this.facts = facts;
        this.waits = waits;
        this.eventTypes = eventTypes;
        this.approvals = approvals;
        this.jobs = jobs;
        this.events = events;
        this.clock = clock;
        this.json = json;
    }

    /** What starts an instance: the published flow, the cause (one instance per cause), the record and customer. */
    public record Start(FlowRepository.Published flow, String startKey, String subjectForm, UUID subjectRecord, String customerKey,
            UUID startedBy, int chainDepth) {
    }

    /**
     * One transaction's work on one instance at one moment ({@code now}): what conditions, formulas
     * and waits read. The simulator makes its own, at simulated moments, over a sample record.
     */
    static final class Run {
        final RunnableGraph graph;
        FlowInstance instance;
        final ObjectNode variables;
        final ObjectNode variants;
        final Instant now;
        boolean changed;
        private final Function<FlowInstance, Map<String, Object>> records;
        private Map<String, Object> record;

        Run(FlowInstance instance, RunnableGraph graph, Instant now, ObjectNode variables, ObjectNode variants,
                Function<FlowInstance, Map<String, Object>> records) {
            this.instance = instance;
            this.graph = graph;
            this.now = now;
            this.variables = variables;
            this.variants = variants;
            this.records = records;
        }

        /** The instance's record as it is now (read once per run), or empty when it has none or it is gone. */
        Map<String, Object> record() {
            if (record == null) {
                record = records.apply(instance);
            }
            return record;
        }
    }

    private Run run(FlowInstance instance, RunnableGraph graph) {
        return new Run(instance, graph, clock.instant(), instance.variables().deepCopy(), instance.variants().deepCopy(), facts::record);
    }

    /**
     * Starts an instance and runs it in the caller's transaction up to its first pause or action (an
     * approval's tasks exist when the request that started it returns). Empty when this cause
     * already started one.
     */
    public Optional<FlowInstance> start(Start start) throws Exception {
        FlowRepository.Published flow = start.flow();
        RunnableGraph graph = graphs.get(flow.flowId(), flow.version());
        FlowNode trigger = graph.trigger().orElseThrow(() -> new IllegalStateException("A published flow without trigger"));
        FlowInstance instance = new FlowInstance(UUID.randomUUID(), flow.workspaceId(), flow.appId(), flow.flowId(), flow.version(),
                flow.kind(), InstanceState.RUNNING, start.startKey(), start.subjectForm(), start.subjectRecord(),
                start.customerKey(), variables(start), json.createObjectNode(), null, start.startedBy(), clock.instant(), null, null,
                null, null);
        FlowGoal goal = graph.graph().goal();
        InstanceRepository.GoalWatch watch = goal == null ? null : new InstanceRepository.GoalWatch(
                Waits.awaitKey(goal.event(), nullToEmpty(goal.form()), nullToEmpty(goal.match())), Waits.customer(instance),
                instance.startedAt().plus(Duration.parse(goal.window())));
        if (!instances.insert(instance, watch)) {
            return Optional.empty();
        }
        FlowInstance locked = instances.lock(instance.id()).orElseThrow();
        publish("flow.started", locked, Map.of());
        FlowStep first = instances.insertStep(locked.id(), trigger.id(), StepState.ACTIVE, null, clock.instant());
        Run run = run(locked, graph);
        process(run, new ArrayDeque<>(List.of(first)), false);
        return Optional.of(run.instance);
    }

    private ObjectNode variables(Start start) {
        ObjectNode variables = json.createObjectNode();
        if (start.chainDepth() > 0) {
            // how many automated steps led here: actions pass it on, so flows answering their own events stop
            variables.put(CHAIN_DEPTH, start.chainDepth());
        }
        return variables;
    }

    /** Acts on a step for its job: a new step, or a paused one whose timer is due. Anything else was done already. */
    public void advance(UUID instanceId, long stepId, long jobId) throws Exception {
        Optional<InstanceRepository.Locked> locked = instances.lockWithStep(instanceId, stepId);
        if (locked.isEmpty() || !locked.get().instance().running()) {
            return;
        }
        FlowInstance instance = locked.get().instance();
        FlowStep s = locked.get().step();
        if (s == null || !(s.state() == StepState.ACTIVE || s.state() == StepState.WAITING)) {
            return;
        }
        if (s.state() == StepState.WAITING && (s.dueAt() == null || s.dueAt().isAfter(clock.instant()))) {
            // another node's clock ran a little ahead: the timer comes back when it is due here
            if (s.dueAt() != null) {
                schedule(instance, s, s.dueAt(), ":" + jobId);
            }
            return;
        }
        process(run(instance, graphs.get(instance.flowId(), instance.version())), new ArrayDeque<>(List.of(s)), true);
    }

    /**
     * Moves a paused step on through its outcome (an approval decided, an awaited event came, a timer
     * ended an approval). The caller holds the instance's lock ({@link InstanceRepository#lock}).
     */
    public void resume(FlowInstance locked, FlowStep step, String outcome, JsonNode detail) throws Exception {
        Run run = run(locked, graphs.get(locked.flowId(), locked.version()));
        Deque<FlowStep> pending = new ArrayDeque<>();
        follow(run, step, outcome, detail, pending);
        process(run, pending, false);
    }

    /** Sends an approval back to an earlier node it passed (returned for rework). The caller holds the lock. */
    public void jump(FlowInstance locked, FlowStep step, String targetNode, JsonNode detail) throws Exception {
        Run run = run(locked, graphs.get(locked.flowId(), locked.version()));
        instances.leave(step.id(), StepState.DONE, "returned", detail, run.now);
        Deque<FlowStep> pending = new ArrayDeque<>();
        pending.add(instances.insertStep(locked.id(), targetNode, StepState.ACTIVE, step.nodeId(), run.now));
        process(run, pending, false);
    }

    /**
     * Records that a step's action was refused for good (a deleted record, a config that no longer
     * fits): the step and its instance fail with the reason, shown in the monitor. Runs in a new
     * transaction after the step's own was rolled back.
     */
    public void failed(UUID instanceId, long stepId, String code, String zh, String en) throws Exception {
        Optional<FlowInstance> instance = instances.lock(instanceId);
        Optional<FlowStep> step = instances.step(instanceId, stepId);
        if (instance.isEmpty() || !instance.get().running() || step.isEmpty()
                || !(step.get().state() == StepState.ACTIVE || step.get().state() == StepState.WAITING)) {
            return;
        }
        fail(run(instance.get(), graphs.get(instance.get().flowId(), instance.get().version())), step.get(), code, zh, en);
    }

    /** Ends a running instance by hand: open steps and tasks are cancelled. The caller holds the lock. */
    public void cancel(FlowInstance locked) throws Exception {
        Run run = run(locked, graphs.get(locked.flowId(), locked.version()));
        finish(run, InstanceState.CANCELLED, null, null, null);
    }

    /** The customer reached the journey's goal: they leave it at once, wherever they were. The caller holds the lock. */
    public void goalReached(FlowInstance locked) throws Exception {
        Run run = run(locked, graphs.get(locked.flowId(), locked.version()));
        finish(run, InstanceState.COMPLETED, null, null, EXIT_GOAL);
    }

    /**
     * Acts on steps in this transaction until they pause. Actions run only as the own step of a
     * job ({@code ownJob}: the first of {@code pending}); any other action gets a job of its own, so
     * that a refused one rolls back and fails alone ({@link #failed}), not the steps before it nor
     * the request or event delivery that moved the instance on.
     */
    private void process(Run run, Deque<FlowStep> pending, boolean ownJob) throws Exception {
        if (!pending.isEmpty() && exits(run, pending.peek())) {
            return;
        }
        int acted = ownJob ? 0 : 1;
        while (!pending.isEmpty()) {
            FlowStep step = pending.poll();
            if (!run.instance.running()) {
                break;
            }
            if (acted > 0 && (acted >= INLINE_STEPS || run.graph.type(step.nodeId()) == NodeType.ACTION)) {
                schedule(run.instance, step, null, "");
                continue;
            }
            acted++;
            act(run, step, pending);
        }
        if (run.changed && run.instance.running()) {
            instances.saveVariables(run.instance.id(), run.variables, run.variants);
        }
    }

    /**
     * Whether the journey's exit condition now holds for the instance, which then leaves before its
     * next step (checked once per transaction: each timer, event and action starts one).
     */
    private boolean exits(Run run, FlowStep next) throws Exception {
        if (run.graph.graph().exitWhen() == null || !run.instance.running()) {
            return false;
        }
        boolean exit;
        try {
            exit = facts.holds(run, run.graph.graph().exitWhen());
        } catch (ExpressionException e) {
            fail(run, next, e.code(), Messages.text(Messages.ZH, "field." + e.code(), e.messageArgs()),
                    Messages.text(Messages.EN, "field." + e.code(), e.messageArgs()));
            return true;
        }
        if (exit) {
            finish(run, InstanceState.COMPLETED, null, null, EXIT_CONDITION);
        }
        return exit;
    }

    private void act(Run run, FlowStep step, Deque<FlowStep> pending) throws Exception {
        FlowNode node = run.graph.node(step.nodeId());
        NodeType type = run.graph.type(node.id());
        switch (type) {
            case TRIGGER, PARALLEL -> follow(run, step, null, null, pending);
            case ACTION -> action(run, step, node, pending);
            case CONDITION -> condition(run, step, node, pending);
            case JOIN -> join(run, step, node, pending);
            case WAIT -> wait(run, step, node, pending);
            case AB_SPLIT -> follow(run, step, Variants.choose(run, node), null, pending);
            case APPROVAL -> approval(run, step, node, pending);
            case END -> {
                instances.leave(step.id(), StepState.DONE, null, null, run.now);
                finish(run, endState(run), node.id(), null, null);
            }
        }
    }

    private void action(Run run, FlowStep step, FlowNode node, Deque<FlowStep> pending) throws Exception {
        Optional<Instant> deferred = actions.deferredUntil(run, node);
        if (deferred.isPresent()) {
            // quiet hours: the message waits for the morning, the engine's rule rather than each flow's
            instances.pause(step.id(), StepState.WAITING, deferred.get(), null, null,
                    json.createObjectNode().put("quietHours", true));
            schedule(run.instance, step, deferred.get(), "");
            return;
        }
        // a refused action throws: its transaction rolls back and the step's job records the failure
        JsonNode output = actions.run(run, step, node);
        ((ObjectNode) run.variables.with("steps")).set(node.id(), output);
        run.changed = true;
        follow(run, step, null, output, pending);
    }

    private void condition(Run run, FlowStep step, FlowNode node, Deque<FlowStep> pending) throws Exception {
        FlowEdge chosen;
        try {
            chosen = facts.branch(run, node);
        } catch (ExpressionException e) {
            fail(run, step, e.code(), Messages.text(Messages.ZH, "field." + e.code(), e.messageArgs()),
                    Messages.text(Messages.EN, "field." + e.code(), e.messageArgs()));
            return;
        }
        follow(run, step, chosen.to(), null, pending);
    }

    private void join(Run run, FlowStep step, FlowNode node, Deque<FlowStep> pending) throws Exception {
        instances.pause(step.id(), StepState.ARRIVED, null, null, null, null);
        List<FlowStep> arrived = instances.arrivals(run.instance.id(), node.id());
        long branches = arrived.stream().map(FlowStep::cameFrom).distinct().count();
        if (branches < run.graph.entering(node.id()).size()) {
            return;
        }
        for (FlowStep other : arrived) {
            if (other.id() != step.id()) {
                instances.leave(other.id(), StepState.DONE, "joined", null, run.now);
            }
        }
        follow(run, step, null, null, pending);
    }

    private void wait(Run run, FlowStep step, FlowNode node, Deque<FlowStep> pending) throws Exception {
        if (step.state() == StepState.WAITING) {
            // its timer: a duration passed, a date came, or an awaited event never did
            follow(run, step, node.config().has("event") ? "timeout" : null, null, pending);
            return;
        }
        Waits.Pause pause = waits.pause(run, node);
        if (pause.dueAt() != null && !pause.dueAt().isAfter(run.now) && pause.awaits() == null) {
            follow(run, step, null, json.createObjectNode().put("dueAt", pause.dueAt().toString()), pending);
            return;
        }
        instances.pause(step.id(), StepState.WAITING, pause.dueAt(), pause.awaits(), pause.awaitsValue(), null);
        if (pause.awaits() != null) {
            eventTypes.changed();
        }
        if (pause.dueAt() != null) {
            schedule(run.instance, step, pause.dueAt(), "");
        }
    }

    private void approval(Run run, FlowStep step, FlowNode node, Deque<FlowStep> pending) throws Exception {
        if (step.state() == StepState.WAITING) {
            Optional<String> outcome = approvals.timedOut(run.instance, step, node, run.now);
            if (outcome.isPresent()) {
                run.variables.put("decision", outcome.get());
                run.changed = true;
                follow(run, step, outcome.get(), json.createObjectNode().put("timedOut", true), pending);
            } else {
                instances.pause(step.id(), StepState.WAITING, null, null, null, json.createObjectNode().put("escalated", true));
            }
            return;
        }
        ApprovalTasks.Opened opened;
        try {
            opened = approvals.open(run.instance, step, node, run.record(), run.now);
        } catch (ProblemException e) {
            fail(run, step, e.code(), Messages.problem(Messages.ZH, e).detail(), Messages.problem(Messages.EN, e).detail());
            return;
        }
        instances.pause(step.id(), StepState.WAITING, opened.dueAt(), null, null, null);
        if (opened.dueAt() != null) {
            schedule(run.instance, step, opened.dueAt(), "");
        }
    }

    /** Leaves a step through its outcome and writes the steps it leads to, to act on next. */
    private void follow(Run run, FlowStep step, String outcome, JsonNode detail, Deque<FlowStep> pending) throws Exception {
        NodeType type = run.graph.type(step.nodeId());
        if (type == NodeType.APPROVAL && outcome != null) {
            run.variables.put("decision", outcome);
            run.changed = true;
        }
        List<FlowEdge> edges = run.graph.leaving(step.nodeId()).stream().filter(taken(type, outcome)).toList();
        if (edges.isEmpty()) {
            instances.leave(step.id(), StepState.DONE, outcome, detail, run.now);
            // a rejection without a "rejected" edge ends the request
            finish(run, type == NodeType.APPROVAL && "rejected".equals(outcome) ? InstanceState.REJECTED : InstanceState.COMPLETED,
                    step.nodeId(), null, null);
            return;
        }
        // the step is left in the statement that writes the first step it leads to
        InstanceRepository.Leaving leaving = new InstanceRepository.Leaving(step.id(), StepState.DONE, outcome, detail);
        for (FlowEdge edge : edges) {
            if (run.graph.type(edge.to()) == NodeType.END) {
                // an end has nothing to wait for: its step is written done and the instance ends now
                instances.insertStep(run.instance.id(), edge.to(), StepState.DONE, step.nodeId(), run.now, run.now, leaving);
                finish(run, endState(run), edge.to(), null, null);
                return;
            }
            pending.add(instances.insertStep(run.instance.id(), edge.to(), StepState.ACTIVE, step.nodeId(), run.now, null, leaving));
            leaving = null;
        }
    }

    /** How an instance that reached an end ended: rejected when its last approval was. */
    private static InstanceState endState(Run run) {
        return "rejected".equals(run.variables.path("decision").asText()) ? InstanceState.REJECTED : InstanceState.COMPLETED;
    }

    /** Which edges an outcome takes, by what their {@code when} means after each node type. */
    static Predicate<FlowEdge> taken(NodeType type, String outcome) {
        return edge -> {
            String when = edge.when() == null || edge.when().isBlank() ? null : edge.when();
            return switch (type) {
                case APPROVAL -> "rejected".equals(outcome) ? "rejected".equals(when) : when == null || "approved".equals(when);
                case WAIT -> "timeout".equals(outcome) ? "timeout".equals(when) : !"timeout".equals(when);
                // a condition's outcome is the node its chosen edge leads to (an expression is too long to store)
                case CONDITION -> edge.to().equals(outcome);
                case AB_SPLIT -> when != null && when.equals(outcome);
                default -> true;
            };
        };
    }

    private void fail(Run run, FlowStep step, String code, String zh, String en) throws Exception {
        ObjectNode error = json.createObjectNode();
        error.putObject("error").put("code", code).put("zh", zh).put("en", en);
        instances.leave(step.id(), StepState.FAILED, "failed", error, run.now);
        finish(run, InstanceState.FAILED, step.nodeId(), code + ": " + en, null);
    }

    private void finish(Run run, InstanceState state, String endNode, String error, String exitReason) throws Exception {
        if (run.graph.hasApprovals()) {
            approvals.cancelOpen(run.instance.id(), run.now);
        }
        instances.finish(run.instance.id(), state, endNode, error, exitReason, run.now,
                run.changed ? run.variables : null, run.changed ? run.variants : null);
        run.instance = run.instance.ended(state, run.variables, run.variants, error, run.now, endNode, exitReason);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("state", state.key());
        if (endNode != null) {
            payload.put("endNode", endNode);
        }
        if (exitReason != null) {
            payload.put("exit", exitReason);
        }
        publish("flow.finished", run.instance, payload);
    }

    /** Queues the job that acts on a step: now, or at its due time (a timer). One job per step and due time. */
    private void schedule(FlowInstance instance, FlowStep step, Instant at, String suffix) {
        NewJob job = NewJob.of(STEP_JOB, json.createObjectNode().put("instance", instance.id().toString()).put("step", step.id()))
                .inWorkspace(instance.workspaceId())
                .dedupe(STEP_JOB + ":" + step.id() + (at == null ? "" : ":" + at.toEpochMilli()) + suffix);
        jobs.enqueue(at == null ? job : job.at(at));
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private void publish(String type, FlowInstance instance, Map<String, Object> extra) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("app", instance.appId().toString());
        payload.put("flow", instance.flowId().toString());
        payload.put("version", instance.version());
        payload.put("instance", instance.id().toString());
        if (instance.subjectRecord() != null) {
            payload.put("form", instance.subjectForm());
            payload.put("recordId", instance.subjectRecord().toString());
        }
        payload.putAll(extra);
        events.publish(new DomainEvent(instance.workspaceId(), type, instance.id().toString(), payload));
    }
}
