package io.qiaoban.flow.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiaoban.core.problem.Messages;
import io.qiaoban.core.workspace.MemberDirectory;
import io.qiaoban.flow.approval.FlowTask;
import io.qiaoban.flow.graph.FlowGraph;
import io.qiaoban.flow.message.MessageLog;
import io.qiaoban.flow.runtime.FlowInstance;
import io.qiaoban.flow.runtime.FlowStep;
import io.qiaoban.flow.runtime.InstanceService;
import io.qiaoban.flow.runtime.RunnableGraph;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Running flows: start one by hand, list a flow's instances, read one for the monitor, cancel one. */
@Path("/v1/workspaces/{workspaceId}")
public class InstanceResource {
    public record StartRequest(UUID recordId) {
    }

    public record InstanceView(UUID id, UUID appId, UUID flowId, int version, String kind, String state, String subjectForm,
            UUID subjectRecord, String customerKey, UUID startedBy, String startedByName, Instant startedAt, Instant endedAt,
            String endNode, String error, Instant goalReachedAt, String exitReason) {
    }

    public record StepView(long id, String nodeId, String nodeName, String nodeType, int visit, String state, String outcome,
            Instant enteredAt, Instant dueAt, Instant leftAt, JsonNode detail, String error) {
    }

    public record TaskView(UUID id, String nodeId, UUID assignee, String assigneeName, int position, String state, String comment,
            UUID transferredTo, String transferredToName, Instant createdAt, Instant decidedAt) {
    }

    public record DetailView(InstanceView instance, String flowName, FlowGraph graph, List<String> currentNodes,
            List<StepView> steps, List<TaskView> tasks, List<MessageLog.Message> messages, JsonNode variants) {
    }

    private final InstanceService instances;
    private final MemberDirectory members;

    InstanceResource(InstanceService instances, MemberDirectory members) {
        this.instances = instances;
        this.members = members;
    }

    @POST
    @Path("/apps/{appId}/flows/{flowId}/instances")
    public Response start(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("flowId") UUID flowId, @HeaderParam("Idempotency-Key") String requestKey, StartRequest request)
            throws Exception {
        FlowInstance started = instances.start(workspaceId, appId, flowId, request == null ? null : request.recordId(), requestKey);
        return Response.status(201).entity(view(started, names(Set.of(), started))).build();
    }

    @GET
    @Path("/apps/{appId}/flows/{flowId}/instances")
    public List<InstanceView> list(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("flowId") UUID flowId, @QueryParam("state") String state, @QueryParam("before") Instant before,
            @QueryParam("limit") @DefaultValue("50") int limit) throws Exception {
        List<FlowInstance> found = instances.list(workspaceId, appId, flowId, state, before, limit);
        Set<UUID> people = new HashSet<>();
        found.forEach(i -> people.add(i.startedBy()));
        people.remove(null);
        Map<UUID, String> names = members.names(people);
        return found.stream().map(i -> view(i, names)).toList();
    }

    @GET
    @Path("/flow-instances/{instanceId}")
    public DetailView get(@PathParam("workspaceId") UUID workspaceId, @PathParam("instanceId") UUID instanceId,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) throws Exception {
        InstanceService.Detail d = instances.detail(workspaceId, instanceId);
        Locale locale = Messages.fromAcceptLanguage(language);
        Set<UUID> people = new HashSet<>();
        for (FlowTask t : d.tasks()) {
            people.add(t.assignee());
            people.add(t.transferredTo());
        }
        Map<UUID, String> names = names(people, d.instance());
        RunnableGraph graph = d.graph();
        List<StepView> steps = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (FlowStep s : d.steps()) {
            boolean known = graph.has(s.nodeId());
            JsonNode error = s.detail() == null ? null : s.detail().path("error");
            steps.add(new StepView(s.id(), s.nodeId(), known ? graph.node(s.nodeId()).name() : null,
                    known ? graph.node(s.nodeId()).type() : null, s.visit(), s.state().key(), s.outcome(), s.enteredAt(), s.dueAt(),
                    s.leftAt(), s.detail(), error == null || error.isMissingNode() ? null
                            : error.path(locale.getLanguage().equals("zh") ? "zh" : "en").asText(null)));
            if (s.state().key().equals("active") || s.state().key().equals("waiting") || s.state().key().equals("arrived")) {
                current.add(s.nodeId());
            }
        }
        List<TaskView> tasks = d.tasks().stream().map(t -> new TaskView(t.id(), t.nodeId(), t.assignee(), names.get(t.assignee()),
                t.position(), t.state(), t.comment(), t.transferredTo(), t.transferredTo() == null ? null : names.get(t.transferredTo()),
                t.createdAt(), t.decidedAt())).toList();
        return new DetailView(view(d.instance(), names), d.flowName(), graph.graph(), current, steps, tasks, d.messages(),
                d.instance().variants());
    }

    @POST
    @Path("/flow-instances/{instanceId}/cancel")
    public InstanceView cancel(@PathParam("workspaceId") UUID workspaceId, @PathParam("instanceId") UUID instanceId)
            throws Exception {
        FlowInstance cancelled = instances.cancel(workspaceId, instanceId);
        return view(cancelled, names(Set.of(), cancelled));
    }

    private Map<UUID, String> names(Set<UUID> people, FlowInstance instance) throws Exception {
        Set<UUID> all = new HashSet<>(people);
        all.add(instance.startedBy());
        all.remove(null);
        return members.names(all);
    }

    static InstanceView view(FlowInstance i, Map<UUID, String> names) {
        return new InstanceView(i.id(), i.appId(), i.flowId(), i.version(), i.kind().key(), i.state().key(), i.subjectForm(),
                i.subjectRecord(), i.customerKey(), i.startedBy(), i.startedBy() == null ? null : names.get(i.startedBy()),
                i.startedAt(), i.endedAt(), i.endNode(), i.error(), i.goalReachedAt(), i.exitReason());
    }
}
