package io.qiaoban.flow.runtime;

import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.record.RecordAccess;
import io.qiaoban.core.record.RecordScope;
import io.qiaoban.core.role.Permission;
import io.qiaoban.core.validation.Check;
import io.qiaoban.core.workspace.Membership;
import io.qiaoban.core.workspace.WorkspaceGuard;
import io.qiaoban.flow.approval.FlowTask;
import io.qiaoban.flow.approval.TaskRepository;
import io.qiaoban.flow.definition.FlowRepository;
import io.qiaoban.flow.graph.FlowNode;
import io.qiaoban.flow.message.MessageLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Starting flows by hand (a request submitted for approval), listing a flow's instances, reading one
 * with its steps, tasks and messages (the monitor), cancelling one. Starting and reading need
 * app.view; people involved in an instance (its starter, its approvers) may read it too; cancelling
 * is for its starter or app.manage.
 */
@ApplicationScoped
public class InstanceService {
    public static final int MAX_PAGE = 200;

    /** An instance with everything the monitor draws: its graph, steps, tasks and messages. */
    public record Detail(FlowInstance instance, String flowName, RunnableGraph graph, List<FlowStep> steps, List<FlowTask> tasks,
            List<MessageLog.Message> messages) {
    }

    private final WorkspaceGuard guard;
    private final FlowRepository flows;
    private final InstanceRepository instances;
    private final PublishedGraphs graphs;
    private final FlowEngine engine;
    private final RecordAccess records;
    private final TaskRepository tasks;
    private final MessageLog messages;

    InstanceService(WorkspaceGuard guard, FlowRepository flows, InstanceRepository instances, PublishedGraphs graphs,
            FlowEngine engine, RecordAccess records, TaskRepository tasks, MessageLog messages) {
        this.guard = guard;
        this.flows = flows;
        this.instances = instances;
        this.graphs = graphs;
        this.engine = engine;
        this.records = records;
        this.tasks = tasks;
        this.messages = messages;
    }

    /**
     * Starts a flow whose trigger is "manual" for the caller, about a record of the trigger's form if
     * it names one. The same {@code requestKey} (an Idempotency-Key) starts it once.
     */
    @Transactional(rollbackOn = Exception.class)
    public FlowInstance start(UUID workspaceId, UUID appId, UUID flowId, UUID recordId, String requestKey) throws Exception {
        Membership me = guard.require(workspaceId, Permission.APP_VIEW);
        FlowRepository.Published flow = published(workspaceId, appId, flowId);
        FlowNode trigger = new RunnableGraph(flow.graph()).trigger().orElseThrow();
        if (!"manual".equals(trigger.config().path("on").asText())) {
            throw ProblemException.conflict("flow.notManual", flow.name());
        }
        String form = trigger.config().path("form").asText("");
        UUID record = null;
        if (!form.isEmpty()) {
            record = Check.required("recordId", recordId);
            // the starter must see the record: a request is about something they may read
            records.find(new RecordScope(workspaceId, appId, form, me.user.id), record)
                    .orElseThrow(() -> ProblemException.notFound("@thing.record"));
        }
        String key = "manual:" + (requestKey == null || requestKey.isBlank() ? UUID.randomUUID() : Check.name("Idempotency-Key", requestKey, 150));
        // a journey follows the customer of its record; an approval is about the request, not a customer
        UUID customer = flow.kind() == io.qiaoban.flow.definition.FlowKind.JOURNEY ? record : null;
        java.util.Optional<FlowInstance> started = engine.start(new FlowEngine.Start(flow, key, form.isEmpty() ? null : form,
                record, customer == null ? null : customer.toString(), me.user.id, 0));
        if (started.isPresent()) {
            return started.get();
        }
        // a retried request: the instance it started
        UUID existing = instances.instanceOf(workspaceId, key, flowId).orElseThrow();
        return instances.find(workspaceId, existing).orElseThrow();
    }

    @Transactional(rollbackOn = Exception.class)
    public List<FlowInstance> list(UUID workspaceId, UUID appId, UUID flowId, String state, Instant before, int limit)
            throws Exception {
        // instances name the records they run on and show what their steps did with them: the monitor is for
        // those who manage the app; everyone else sees the instances they take part in (detail, inbox)
        guard.require(workspaceId, Permission.APP_MANAGE);
        flows.find(workspaceId, appId, flowId, false).orElseThrow(() -> ProblemException.notFound("@thing.flow"));
        InstanceState wanted = null;
        if (state != null && !state.isBlank()) {
            try {
                wanted = InstanceState.of(state);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("state", "unknown-value", state);
            }
        }
        return instances.list(workspaceId, flowId, wanted, before, Math.max(1, Math.min(limit, MAX_PAGE)));
    }

    @Transactional(rollbackOn = Exception.class)
    public Detail detail(UUID workspaceId, UUID instanceId) throws Exception {
        Membership me = guard.member(workspaceId);
        FlowInstance instance = instances.find(workspaceId, instanceId).orElseThrow(() -> ProblemException.notFound("@thing.instance"));
        List<FlowTask> instanceTasks = tasks.ofInstance(instanceId);
        boolean involved = me.user.id.equals(instance.startedBy())
                || instanceTasks.stream().anyMatch(t -> t.assignee().equals(me.user.id))
                || tasks.copied(instanceId, me.user.id);
        if (!involved && !me.role.allows(Permission.APP_MANAGE)) {
            throw ProblemException.notFound("@thing.instance");
        }
        String name = flows.find(workspaceId, instance.appId(), instance.flowId(), false).map(f -> f.name()).orElse("");
        return new Detail(instance, name, graphs.get(instance.flowId(), instance.version()), instances.steps(instanceId),
                instanceTasks, messages.ofInstance(workspaceId, instanceId));
    }

    @Transactional(rollbackOn = Exception.class)
    public FlowInstance cancel(UUID workspaceId, UUID instanceId) throws Exception {
        Membership me = guard.member(workspaceId);
        instances.find(workspaceId, instanceId).orElseThrow(() -> ProblemException.notFound("@thing.instance"));
        FlowInstance instance = instances.lock(instanceId).orElseThrow();
        if (!me.user.id.equals(instance.startedBy()) && !me.role.allows(Permission.APP_MANAGE)) {
            throw ProblemException.forbidden();
        }
        if (!instance.running()) {
            throw ProblemException.conflict("flow.instanceEnded");
        }
        engine.cancel(instance);
        return instances.find(workspaceId, instanceId).orElseThrow();
    }

    private FlowRepository.Published published(UUID workspaceId, UUID appId, UUID flowId) throws Exception {
        var found = flows.published(workspaceId, appId, flowId);
        if (found.isPresent()) {
            return found.get();
        }
        var flow = flows.find(workspaceId, appId, flowId, false).orElseThrow(() -> ProblemException.notFound("@thing.flow"));
        throw ProblemException.conflict("flow.notPublished", flow.name());
    }
}
