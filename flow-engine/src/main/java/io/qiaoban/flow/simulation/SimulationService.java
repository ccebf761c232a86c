package io.qiaoban.flow.simulation;

import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.record.RecordAccess;
import io.qiaoban.core.record.RecordData;
import io.qiaoban.core.record.RecordScope;
import io.qiaoban.core.role.Permission;
import io.qiaoban.core.validation.Check;
import io.qiaoban.core.workspace.Membership;
import io.qiaoban.core.workspace.WorkspaceGuard;
import io.qiaoban.flow.definition.FlowKind;
import io.qiaoban.flow.definition.FlowRepository;
import io.qiaoban.flow.definition.FlowService;
import io.qiaoban.flow.definition.StoredFlow;
import io.qiaoban.flow.graph.FlowGraphValidator;
import io.qiaoban.flow.graph.FlowNode;
import io.qiaoban.flow.runtime.FlowFacts;
import io.qiaoban.flow.runtime.FlowSimulator;
import io.qiaoban.flow.runtime.RunnableGraph;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test mode: runs a flow's saved draft for sample records on a simulated clock and answers the path
 * each would take. For those who design the app's flows (app.manage); the samples are read with the
 * caller's own permissions. Nothing is written.
 */
@ApplicationScoped
public class SimulationService {
    public static final int MAX_SAMPLES = 20;
    public static final int MAX_EVENTS = 20;

    /** What the customer does after entering, as the request gives it: an event type, a form ("" any), an ISO duration. */
    public record EventInput(String event, String form, String after) {
    }

    public record Request(List<UUID> recordIds, List<EventInput> events, Boolean approve, Instant start) {
    }

    private final WorkspaceGuard guard;
    private final FlowRepository flows;
    private final FlowService definitions;
    private final RecordAccess records;
    private final FlowSimulator simulator;
    private final Clock clock;
    private final FlowFacts facts;

    SimulationService(WorkspaceGuard guard, FlowRepository flows, FlowService definitions, RecordAccess records, FlowSimulator simulator,
            Clock clock, FlowFacts facts) {
        this.guard = guard;
        this.flows = flows;
        this.definitions = definitions;
        this.records = records;
        this.simulator = simulator;
        this.clock = clock;
        this.facts = facts;
    }

    @Transactional(rollbackOn = Exception.class)
    public List<FlowSimulator.Path> simulate(UUID workspaceId, UUID appId, UUID flowId, Request request) throws Exception {
        Membership me = guard.require(workspaceId, Permission.APP_MANAGE);
        StoredFlow flow = flows.find(workspaceId, appId, flowId, false).orElseThrow(() -> ProblemException.notFound("@thing.flow"));
        Request r = request == null ? new Request(null, null, null, null) : request;
        List<FlowSimulator.ScenarioEvent> events = events(r.events());
        definitions.requireRunnable(flow);
        FlowNode trigger = new RunnableGraph(flow.draft()).trigger().orElseThrow();
        String form = trigger.config().path("form").asText("");
        String customerField = trigger.config().path("customerField").asText("");
        Instant start = r.start() == null ? clock.instant() : r.start();
        boolean approve = r.approve() == null || r.approve();
        List<FlowSimulator.Path> paths = new ArrayList<>();
        if (form.isEmpty()) {
            // a trigger without a form (an event, a schedule): one sample without a record
            paths.add(simulator.simulate(new FlowSimulator.Scenario(workspaceId, appId, flowId, flow.kind(), null, null, Map.of(),
                    flow.kind() == FlowKind.JOURNEY ? "sample" : null, events, approve, start), flow.draft()));
            return paths;
        }
        List<UUID> ids = r.recordIds() == null ? List.of() : r.recordIds();
        if (ids.isEmpty() || ids.size() > MAX_SAMPLES) {
            throw ProblemException.invalid("recordIds", "flow.simulation.samples", MAX_SAMPLES);
        }
        RecordScope scope = new RecordScope(workspaceId, appId, form, me.user.id);
        List<String> fieldKeys = records.fieldKeys(scope);
        for (UUID id : ids) {
            RecordData found = records.find(scope, Check.required("recordIds", id))
                    .orElseThrow(() -> ProblemException.notFound("@thing.record"));
            Map<String, Object> record = facts.fields(fieldKeys, found);
            Object customer = customerField.isEmpty() ? id : record.get(customerField);
            String customerKey = flow.kind() == FlowKind.JOURNEY && customer != null ? customer.toString() : null;
            paths.add(simulator.simulate(new FlowSimulator.Scenario(workspaceId, appId, flowId, flow.kind(), form, id, record,
                    customerKey, events, approve, start), flow.draft()));
        }
        return paths;
    }

    private static List<FlowSimulator.ScenarioEvent> events(List<EventInput> input) {
        if (input == null) {
            return List.of();
        }
        if (input.size() > MAX_EVENTS) {
            throw ProblemException.invalid("events", "flow.simulation.events", MAX_EVENTS);
        }
        List<FlowSimulator.ScenarioEvent> events = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            EventInput e = Check.required("events[" + i + "]", input.get(i));
            String type = Check.name("events[" + i + "].event", e.event(), 100);
            String form = Check.optional("events[" + i + "].form", e.form(), 64);
            events.add(new FlowSimulator.ScenarioEvent(type, form == null ? "" : form, after("events[" + i + "].after", e.after())));
        }
        return events;
    }

    private static Duration after(String field, String text) {
        try {
            Duration d = Duration.parse(Check.required(field, text));
            if (d.isNegative() || d.compareTo(FlowGraphValidator.MAX_WAIT) > 0) {
                throw ProblemException.invalid(field, "flow.simulation.after");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "flow.simulation.after");
        }
    }
}
