package io.qiaoban.flow.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.core.job.JobQueue;
import io.qiaoban.core.job.NewJob;
import io.qiaoban.core.record.RecordAccess;
import io.qiaoban.core.record.RecordData;
import io.qiaoban.core.record.RecordPage;
import io.qiaoban.core.record.RecordScope;
import io.qiaoban.core.role.Permission;
import io.qiaoban.core.workspace.WorkspaceGuard;
import io.qiaoban.core.workspace.WorkspaceZones;
import io.qiaoban.flow.definition.FlowRepository;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.flow.graph.FlowGraph;
import io.qiaoban.flow.graph.FlowNode;
import io.qiaoban.flow.graph.GraphProblem;
import io.qiaoban.flow.graph.Schedule;
import io.qiaoban.flow.runtime.FlowEngine;
import io.qiaoban.flow.runtime.RunnableGraph;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Fires flows whose trigger is a schedule. Each published schedule has exactly one next firing, a job
 * of the durable queue keyed by flow and moment: publishing plans it, and each firing plans the next
 * in its own transaction, so a crash neither skips a firing nor fires one twice. A firing without a
 * form starts one instance; with a form it starts one per record matching the trigger's filter, a
 * page per job, each keyed by firing and record so a retried page starts nobody twice. A firing
 * missed while the platform was down runs once when it is back, not once per missed moment.
 */
@ApplicationScoped
public class FlowSchedules {
    static final String FIRE_JOB = "flow.schedule";
    static final String STARTS_JOB = "flow.schedule.starts";
    static final int PAGE = 200;
    private static final Logger LOG = Logger.getLogger(FlowSchedules.class);

    static final int PREVIEWED = 5;

    private final FlowRepository flows;
    private final FlowEngine engine;
    private final JobQueue jobs;
    private final RecordAccess records;
    private final WorkspaceZones zones;
    private final ObjectMapper json;
    private final Clock clock;
    private final WorkspaceGuard guard;

    /** A schedule as it reads (cron without extra spaces), the zone it is read in, and its next firings. */
    public record Preview(String cron, String zone, List<Instant> next) {
    }

    FlowSchedules(FlowRepository flows, FlowEngine engine, JobQueue jobs, RecordAccess records, WorkspaceZones zones,
            ObjectMapper json, Clock clock, WorkspaceGuard guard) {
        this.flows = flows;
        this.engine = engine;
        this.jobs = jobs;
        this.records = records;
        this.zones = zones;
        this.json = json;
        this.clock = clock;
        this.guard = guard;
    }

    /** The next firings of a cron in the workspace's zone, for a designer; a cron that cannot be a schedule is refused. */
    @Transactional(rollbackOn = Exception.class)
    public Preview preview(UUID workspaceId, String cron) {
        guard.require(workspaceId, Permission.APP_VIEW);
        Schedule schedule = Schedule.parse(cron).orElseThrow(() -> ProblemException.invalid("cron", "flow.config.cron"));
        if (schedule.tooOften()) {
            throw new ProblemException(400, "validation",
                    List.of(FieldError.of("cron", "flow.config.cronTooOften", Schedule.MIN_INTERVAL.toMinutes())));
        }
        ZoneId zone = zones.zone(workspaceId);
        return new Preview(schedule.cron(), zone.getId(), schedule.upcoming(clock.instant(), zone, PREVIEWED));
    }

    /** Plans the first firing after now of a just-published flow; nothing when its trigger is no schedule. */
    public void planned(FlowRepository.Published flow) {
        plan(flow, clock.instant());
    }

    /**
     * What a sound graph's schedule refers to and cannot be checked without the workspace: the form
     * whose records it starts for, and the fields its filter names (read as the system, one record).
     */
    public List<GraphProblem> problems(UUID workspaceId, UUID appId, FlowGraph graph) {
        Optional<FlowNode> trigger = scheduleTrigger(graph);
        String form = trigger.map(t -> t.config().path("form").asText("")).orElse("");
        if (form.isEmpty()) {
            return List.of();
        }
        JsonNode filter = trigger.get().config().path("filter");
        try {
            records.page(new RecordScope(workspaceId, appId, form, null), filter.isObject() ? filter : null, null, 1);
            return List.of();
        } catch (ProblemException e) {
            return List.of(GraphProblem.node(trigger.get().id(), "flow.config.scheduleRecords"));
        }
    }

    /**
     * A platform that was stopped plans the firings it may not know of (planning twice plans once). The
     * transaction is opened only when a flow runs on a schedule: the first transaction of a start loads
     * the transaction manager, a tenth of a second of every start otherwise (docs/performance.md).
     */
    void onStart(@Observes StartupEvent started) throws java.sql.SQLException {
        List<FlowRepository.Published> onSchedule = flows.publishedOnSchedule();
        if (!onSchedule.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> onSchedule.forEach(this::planned));
        }
    }

    /** The next firing, or empty when the schedule never fires again. */
    Optional<Instant> plan(FlowRepository.Published flow, Instant after) {
        Optional<FlowNode> trigger = scheduleTrigger(flow);
        Optional<Schedule> schedule = trigger.flatMap(t -> Schedule.parse(t.config().path("cron").asText()));
        Optional<Instant> next = schedule.flatMap(s -> s.next(after, zones.zone(flow.workspaceId())));
        if (next.isEmpty()) {
            return next;
        }
        ObjectNode payload = json.createObjectNode().put("flow", flow.flowId().toString()).put("app", flow.appId().toString())
                .put("cron", schedule.get().cron()).put("at", next.get().toString());
        jobs.enqueue(NewJob.of(FIRE_JOB, payload).inWorkspace(flow.workspaceId()).at(next.get())
                .dedupe(FIRE_JOB + ":" + flow.flowId() + ":" + next.get().getEpochSecond()));
        return next;
    }

    /**
     * A firing: plans the next one, then starts what this one starts. A firing planned by an earlier
     * version whose schedule has since changed (or a flow deleted) does nothing; the new version
     * planned its own.
     */
    void fire(UUID workspaceId, JsonNode payload) throws Exception {
        Optional<FlowRepository.Published> flow = current(workspaceId, payload);
        Optional<FlowNode> trigger = flow.flatMap(FlowSchedules::scheduleTrigger);
        if (trigger.isEmpty() || !Schedule.parse(trigger.get().config().path("cron").asText()).map(Schedule::cron)
                .equals(Optional.of(payload.path("cron").asText()))) {
            return;
        }
        Instant at = Instant.parse(payload.path("at").asText());
        Instant now = clock.instant();
        plan(flow.get(), at.isAfter(now) ? at : now);
        String form = trigger.get().config().path("form").asText("");
        if (form.isEmpty()) {
            engine.start(new FlowEngine.Start(flow.get(), "schedule:" + at, null, null, null, null, 0));
            return;
        }
        ObjectNode first = payload.deepCopy();
        first.put("page", 0);
        jobs.enqueue(NewJob.of(STARTS_JOB, first).inWorkspace(workspaceId)
                .dedupe(STARTS_JOB + ":" + flow.get().flowId() + ":" + at.getEpochSecond() + ":0"));
    }

    /** One page of a firing over a form's records: an instance per record, then the next page as its own job. */
    void startPage(UUID workspaceId, JsonNode payload) throws Exception {
        Optional<FlowRepository.Published> flow = current(workspaceId, payload);
        Optional<FlowNode> trigger = flow.flatMap(FlowSchedules::scheduleTrigger);
        if (trigger.isEmpty()) {
            return;
        }
        JsonNode config = trigger.get().config();
        String form = config.path("form").asText("");
        String customerField = config.path("customerField").asText("");
        JsonNode filter = config.path("filter").isObject() ? config.path("filter") : null;
        String at = payload.path("at").asText();
        String cursor = payload.path("cursor").isTextual() ? payload.path("cursor").asText() : null;
        RecordPage page = records.page(new RecordScope(workspaceId, flow.get().appId(), form, null), filter, cursor, PAGE);
        for (RecordData record : page.records()) {
            JsonNode customer = customerField.isEmpty() ? null : record.data().get(customerField);
            String customerKey = customer == null || customer.isNull() || customer.asText().isEmpty() ? record.id().toString()
                    : customer.asText();
            engine.start(new FlowEngine.Start(flow.get(), "schedule:" + at + ":" + record.id(), form, record.id(), customerKey,
                    null, 0));
        }
        if (page.nextCursor() != null) {
            int next = payload.path("page").asInt() + 1;
            ObjectNode more = payload.deepCopy();
            more.put("page", next).put("cursor", page.nextCursor());
            jobs.enqueue(NewJob.of(STARTS_JOB, more).inWorkspace(workspaceId)
                    .dedupe(STARTS_JOB + ":" + flow.get().flowId() + ":" + Instant.parse(at).getEpochSecond() + ":" + next));
        } else {
            LOG.debugf("Schedule of flow %s at %s started its last page (%d)", flow.get().flowId(), at, payload.path("page").asInt());
        }
    }

    private Optional<FlowRepository.Published> current(UUID workspaceId, JsonNode payload) throws Exception {
        return flows.published(workspaceId, UUID.fromString(payload.path("app").asText()),
                UUID.fromString(payload.path("flow").asText()));
    }

    private static Optional<FlowNode> scheduleTrigger(FlowRepository.Published flow) {
        return scheduleTrigger(flow.graph());
    }

    private static Optional<FlowNode> scheduleTrigger(FlowGraph graph) {
        return new RunnableGraph(graph).trigger().filter(t -> "schedule".equals(t.config().path("on").asText()));
    }
}
