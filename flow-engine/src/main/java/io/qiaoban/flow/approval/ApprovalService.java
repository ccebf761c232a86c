package io.qiaoban.flow.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.validation.Check;
import io.qiaoban.core.workspace.MemberDirectory;
import io.qiaoban.core.workspace.Membership;
import io.qiaoban.core.workspace.WorkspaceGuard;
import io.qiaoban.flow.graph.NodeType;
import io.qiaoban.flow.runtime.FlowEngine;
import io.qiaoban.flow.runtime.FlowInstance;
import io.qiaoban.flow.runtime.FlowStep;
import io.qiaoban.flow.runtime.InstanceRepository;
import io.qiaoban.flow.runtime.PublishedGraphs;
import io.qiaoban.flow.runtime.RunnableGraph;
import io.qiaoban.flow.runtime.StepState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * People deciding: approve, reject, return to an earlier step, transfer to someone else, add a
 * signer. Only the task's assignee decides, once: the instance is locked first, so a double click or
 * two approvers at once are decided one after the other, and the second finds the task decided (409).
 * A decision that completes its step moves the instance on through the engine.
 */
@ApplicationScoped
public class ApprovalService {
    public enum Action {
        APPROVE, REJECT, RETURN, TRANSFER, ADD_SIGNER;

        static Action of(String key) {
            try {
                return valueOf(Check.required("action", key).replace('-', '_').replace("addSigner", "add_signer")
                        .toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("action", "unknown-value", key);
            }
        }
    }

    /** A decision as sent: the action, a comment, the node to return to, the person to transfer to or add. */
    public record Decision(String action, String comment, String toNode, UUID toUser) {
    }

    private final WorkspaceGuard guard;
    private final TaskRepository tasks;
    private final InstanceRepository instances;
    private final PublishedGraphs graphs;
    private final FlowEngine engine;
    private final MemberDirectory members;
    private final Clock clock;
    private final ObjectMapper json;
    private final Reminders reminders;

    ApprovalService(WorkspaceGuard guard, TaskRepository tasks, InstanceRepository instances, PublishedGraphs graphs,
            FlowEngine engine, MemberDirectory members, Clock clock, ObjectMapper json, Reminders reminders) {
        this.guard = guard;
        this.tasks = tasks;
        this.instances = instances;
        this.graphs = graphs;
        this.engine = engine;
        this.members = members;
        this.clock = clock;
        this.json = json;
        this.reminders = reminders;
    }

    @Transactional(rollbackOn = Exception.class)
    public FlowTask decide(UUID workspaceId, UUID taskId, Decision decision) throws Exception {
        Membership me = guard.member(workspaceId);
        Check.required("action", decision);
        Action action = Action.of(decision.action());
        String comment = Check.optional("comment", decision.comment(), 2000);
        FlowTask seen = tasks.find(workspaceId, taskId).orElseThrow(() -> ProblemException.notFound("@thing.task"));
        FlowInstance instance = instances.lock(seen.instanceId()).orElseThrow(() -> ProblemException.notFound("@thing.task"));
        // read again under the instance's lock: a decision that just committed is seen here
        FlowTask task = tasks.find(workspaceId, taskId).orElseThrow(() -> ProblemException.notFound("@thing.task"));
        if (!task.assignee().equals(me.user.id)) {
            throw new ProblemException(403, "flow.notAssignee");
        }
        if (!task.pending()) {
            throw ProblemException.conflict("flow.taskDecided", "@flow.task." + task.state());
        }
        if (!instance.running()) {
            throw ProblemException.conflict("flow.instanceEnded");
        }
        FlowStep step = instances.step(instance.id(), task.stepId()).filter(s -> s.state() == StepState.WAITING)
                .orElseThrow(() -> ProblemException.conflict("flow.instanceEnded"));
        Instant now = clock.instant();
        switch (action) {
            case APPROVE -> approve(instance, step, task, comment, now);
            case REJECT -> {
                tasks.decide(task.id(), "rejected", comment, null, now);
                tasks.cancelOpenOfStep(step.id(), now);
                engine.resume(instance, step, "rejected", detail(me, comment));
            }
            case RETURN -> {
                String target = returnTarget(instance, step, decision.toNode());
                tasks.decide(task.id(), "returned", comment, null, now);
                tasks.cancelOpenOfStep(step.id(), now);
                engine.jump(instance, step, target, detail(me, comment).put("returnedTo", target));
            }
            case TRANSFER -> {
                UUID to = otherPerson(workspaceId, step, decision.toUser());
                tasks.decide(task.id(), "transferred", comment, to, now);
                reminders.watch(tasks.insert(workspaceId, instance.id(), step.id(), step.nodeId(), to, task.position(), "pending", now),
                        graph(instance).node(step.nodeId()).config(), now);
            }
            case ADD_SIGNER -> {
                UUID added = otherPerson(workspaceId, step, decision.toUser());
                List<FlowTask> ofStep = tasks.ofStep(step.id());
                JsonNode config = graph(instance).node(step.nodeId()).config();
                boolean sequential = "sequential".equals(config.path("mode").asText("any"));
                int last = ofStep.stream().mapToInt(FlowTask::position).max().orElse(0);
                reminders.watch(tasks.insert(workspaceId, instance.id(), step.id(), step.nodeId(), added, last + 1,
                        sequential ? "queued" : "pending", now), config, now);
            }
        }
        return tasks.find(workspaceId, taskId).orElseThrow();
    }

    private void approve(FlowInstance instance, FlowStep step, FlowTask task, String comment, Instant now) throws Exception {
        tasks.decide(task.id(), "approved", comment, null, now);
        JsonNode config = graph(instance).node(step.nodeId()).config();
        String mode = config.path("mode").asText("any");
        List<FlowTask> open = tasks.ofStep(step.id()).stream()
                .filter(t -> t.pending() || "queued".equals(t.state())).toList();
        if (mode.equals("any") || open.isEmpty()) {
            tasks.cancelOpenOfStep(step.id(), now);
            engine.resume(instance, step, "approved", json.createObjectNode().put("approvedBy", task.assignee().toString()));
            return;
        }
        if (mode.equals("sequential") && open.stream().noneMatch(FlowTask::pending) && tasks.activate(open.get(0).id())) {
            reminders.watch(tasks.find(instance.workspaceId(), open.get(0).id()).orElseThrow(), config, now);
        }
    }

    /** An approval node this instance passed before the current step: where a return may go. */
    private String returnTarget(FlowInstance instance, FlowStep step, String toNode) throws Exception {
        String target = Check.required("toNode", toNode);
        RunnableGraph graph = graph(instance);
        boolean passed = instances.steps(instance.id()).stream()
                .anyMatch(s -> s.nodeId().equals(target) && s.state() == StepState.DONE && s.id() < step.id());
        boolean approval = graph.has(target)
                && graph.type(target) == NodeType.APPROVAL;
        if (!passed || !approval || target.equals(step.nodeId())) {
            throw new ProblemException(400, "validation", List.of(new FieldError("toNode", "flow.returnTarget", null)));
        }
        return target;
    }

    /** An active member who has no open task in this step yet. */
    private UUID otherPerson(UUID workspaceId, FlowStep step, UUID userId) throws Exception {
        UUID user = Check.required("toUser", userId);
        if (members.activeMembers(workspaceId, List.of(user)).isEmpty()) {
            throw ProblemException.invalid("toUser", "unknown-member");
        }
        boolean already = tasks.ofStep(step.id()).stream()
                .anyMatch(t -> t.assignee().equals(user) && (t.pending() || "queued".equals(t.state())));
        if (already) {
            throw ProblemException.invalid("toUser", "flow.alreadyAssignee");
        }
        return user;
    }

    private RunnableGraph graph(FlowInstance instance) throws Exception {
        return graphs.get(instance.flowId(), instance.version());
    }

    private ObjectNode detail(Membership me, String comment) {
        ObjectNode detail = json.createObjectNode().put("by", me.user.id.toString());
        Optional.ofNullable(comment).ifPresent(c -> detail.put("comment", c));
        return detail;
    }
}
