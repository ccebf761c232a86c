package io.qiaoban.flow.definition;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.qiaoban.core.app.AppService;
import io.qiaoban.core.audit.AuditService;
import io.qiaoban.core.auth.CurrentCaller;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.role.Permission;
import io.qiaoban.core.validation.Check;
import io.qiaoban.core.workspace.WorkspaceGuard;
import io.qiaoban.flow.graph.FlowEdge;
import io.qiaoban.flow.graph.FlowGraph;
import io.qiaoban.flow.graph.FlowGraphValidator;
import io.qiaoban.flow.graph.FlowNode;
import io.qiaoban.flow.graph.GraphProblem;
import io.qiaoban.flow.runtime.FlowEventTypes;
import io.qiaoban.flow.runtime.RunnableGraph;
import io.qiaoban.flow.schedule.FlowSchedules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Designing flows: create, save the draft (always kept, even while it has problems: a half-drawn flow
 * is never lost), publish it as an immutable version (only without problems), list versions, delete.
 * Reading needs app.view, everything else app.manage.
 */
@ApplicationScoped
public class FlowService {
    private final FlowRepository flows;
    private final WorkspaceGuard guard;
    private final AppService apps;
    private final AuditService audit;
    private final CurrentCaller caller;
    private final Clock clock;
    private final FlowEventTypes eventTypes;
    private final FlowSchedules schedules;
    private final FlowGraphValidator validator = new FlowGraphValidator();

    FlowService(FlowRepository flows, WorkspaceGuard guard, AppService apps, AuditService audit, CurrentCaller caller, Clock clock,
            FlowEventTypes eventTypes, FlowSchedules schedules) {
        this.flows = flows;
        this.guard = guard;
        this.apps = apps;
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
        this.eventTypes = eventTypes;
        this.schedules = schedules;
    }

    /** What a new flow starts as: its trigger joined to its end, so the designer opens on a runnable sketch. */
    public static FlowGraph starter(FlowKind kind) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        FlowNode trigger = new FlowNode("start", "trigger", kind == FlowKind.APPROVAL ? "提交" : "开始",
                json.objectNode().put("on", kind == FlowKind.APPROVAL ? "manual" : "record.created"),
                json.objectNode().put("x", 0).put("y", 0));
        FlowNode end = new FlowNode("end", "end", "结束", null, json.objectNode().put("x", 0).put("y", 200));
        return new FlowGraph(List.of(trigger, end), List.of(FlowEdge.of("start", "end")));
    }

    @Transactional(rollbackOn = Exception.class)
    public List<StoredFlow> list(UUID workspaceId, UUID appId) throws SQLException {
        guard.require(workspaceId, Permission.APP_VIEW);
        apps.get(workspaceId, appId);
        return flows.list(workspaceId, appId);
    }

    /** A flow someone may start by hand about a record. */
    public record Startable(UUID id, String kind, String name) {
    }

    /** The app's published flows whose trigger is a manual start about a record of the form (by key), by name. */
    @Transactional(rollbackOn = Exception.class)
    public List<Startable> startable(UUID workspaceId, UUID appId, String formKey) throws SQLException {
        guard.require(workspaceId, Permission.APP_VIEW);
        String form = Check.name("form", formKey, 64);
        return flows.publishedListeningTo(workspaceId, List.of("manual")).stream()
                .filter(f -> f.appId().equals(appId))
                .filter(f -> new RunnableGraph(f.graph()).trigger().map(t -> form.equals(t.config().path("form").asText())).orElse(false))
                .map(f -> new Startable(f.flowId(), f.kind().key(), f.name()))
                .sorted(java.util.Comparator.comparing(Startable::name)).toList();
    }

    @Transactional(rollbackOn = Exception.class)
    public StoredFlow get(UUID workspaceId, UUID appId, UUID flowId) throws SQLException {
        guard.require(workspaceId, Permission.APP_VIEW);
        return find(workspaceId, appId, flowId, false);
    }

    @Transactional(rollbackOn = Exception.class)
    public StoredFlow create(UUID workspaceId, UUID appId, String kindKey, String name, String description, FlowGraph graph)
            throws SQLException {
        guard.require(workspaceId, Permission.APP_MANAGE);
        apps.get(workspaceId, appId);
        FlowKind kind = FlowKind.byKey(kindKey == null ? "" : kindKey)
                .orElseThrow(() -> ProblemException.invalid("kind", "unknown-value", String.valueOf(kindKey)));
        String checkedName = uniqueName(appId, null, name);
        Instant now = clock.instant();
        StoredFlow flow = new StoredFlow(UUID.randomUUID(), workspaceId, appId, kind, checkedName,
                Check.optional("description", description, 500), graph == null ? starter(kind) : graph, 1, null, null, now, now);
        flows.insert(flow, caller.get().id());
        return flow;
    }

    /** Saves the draft whatever its problems; a stale If-Match gets 412 and changes nothing. */
    @Transactional(rollbackOn = Exception.class)
    public StoredFlow saveDraft(UUID workspaceId, UUID appId, UUID flowId, Integer ifMatch, String name, String description,
            FlowGraph graph) throws SQLException {
        guard.require(workspaceId, Permission.APP_MANAGE);
        StoredFlow current = find(workspaceId, appId, flowId, true);
        if (ifMatch != null && ifMatch != current.draftVersion()) {
            throw new ProblemException(412, "stale", current.draftVersion());
        }
        StoredFlow saved = new StoredFlow(current.id(), workspaceId, appId, current.kind(),
                name == null ? current.name() : uniqueName(appId, flowId, name),
                description == null ? current.description() : Check.optional("description", description, 500),
                graph == null ? current.draft() : graph, current.draftVersion() + 1, current.publishedVersion(),
                current.publishedDraftVersion(), current.createdAt(), clock.instant());
        flows.updateDraft(saved);
        return saved;
    }

    /**
     * Publishes the draft as the next version. Refused with every problem of the graph (each on its
     * node or edge) while it has any, and when nothing changed since the last version.
     */
    @Transactional(rollbackOn = Exception.class)
    public StoredFlow publish(UUID workspaceId, UUID appId, UUID flowId, Integer ifMatch) throws SQLException {
        guard.require(workspaceId, Permission.APP_MANAGE);
        StoredFlow flow = find(workspaceId, appId, flowId, true);
        if (ifMatch != null && ifMatch != flow.draftVersion()) {
            throw new ProblemException(412, "stale", flow.draftVersion());
        }
        requireRunnable(flow);
        if (flow.published() && !flow.changedSincePublish()) {
            throw ProblemException.conflict("flow.unchanged", flow.publishedVersion());
        }
        Instant now = clock.instant();
        int version = flows.publish(flow, caller.get().id(), now);
        eventTypes.changed();
        schedules.planned(flows.published(workspaceId, appId, flow.id()).orElseThrow());
        audit.record("flow.published", workspaceId, Map.of("flow", flow.name(), "version", version));
        return new StoredFlow(flow.id(), workspaceId, appId, flow.kind(), flow.name(), flow.description(), flow.draft(),
                flow.draftVersion(), version, flow.draftVersion(), flow.createdAt(), now);
    }

    @Transactional(rollbackOn = Exception.class)
    public List<FlowRepository.Version> versions(UUID workspaceId, UUID appId, UUID flowId) throws SQLException {
        guard.require(workspaceId, Permission.APP_VIEW);
        return flows.versions(find(workspaceId, appId, flowId, false).id());
    }

    @Transactional(rollbackOn = Exception.class)
    public FlowGraph version(UUID workspaceId, UUID appId, UUID flowId, int version) throws SQLException {
        guard.require(workspaceId, Permission.APP_VIEW);
        return flows.version(find(workspaceId, appId, flowId, false).id(), version)
                .orElseThrow(() -> ProblemException.notFound("@thing.flowVersion"));
    }

    @Transactional(rollbackOn = Exception.class)
    public void delete(UUID workspaceId, UUID appId, UUID flowId) throws SQLException {
        guard.require(workspaceId, Permission.APP_MANAGE);
        StoredFlow flow = find(workspaceId, appId, flowId, true);
        flows.delete(workspaceId, flow.id());
        audit.record("flow.deleted", workspaceId, Map.of("flow", flow.name()));
    }

    /** Refuses a draft that cannot run yet (to publish it or to test it) with every problem, each on its node or edge. */
    public void requireRunnable(StoredFlow flow) {
        requireRunnable(flow.workspaceId(), flow.appId(), flow.name(), flow.draft());
    }

    /** Refuses a graph of the app that cannot run (a draft, a packaged flow) with every problem, each on its node or edge. */
    public void requireRunnable(UUID workspaceId, UUID appId, String name, FlowGraph graph) {
        List<GraphProblem> problems = problems(graph);
        if (problems.isEmpty()) {
            // a sound graph: what its schedule refers to must exist too
            problems = schedules.problems(workspaceId, appId, graph);
        }
        if (!problems.isEmpty()) {
            List<FieldError> errors = problems.stream().map(p -> FieldError.of(p.field(), p.code(), p.args())).toList();
            throw new ProblemException(400, "flow.invalid", errors, name, errors.size());
        }
    }

    /** What stands between the draft and publishing it. */
    public List<GraphProblem> problems(FlowGraph graph) {
        return validator.validate(graph);
    }

    private StoredFlow find(UUID workspaceId, UUID appId, UUID flowId, boolean forUpdate) throws SQLException {
        return flows.find(workspaceId, appId, flowId, forUpdate).orElseThrow(() -> ProblemException.notFound("@thing.flow"));
    }

    private String uniqueName(UUID appId, UUID self, String name) throws SQLException {
        String checked = Check.name("name", name, 100);
        if (flows.nameTaken(appId, checked, self)) {
            throw new ProblemException(409, "name-taken", List.of(new FieldError("name", "name-taken", null)), checked);
        }
        return checked;
    }
}
