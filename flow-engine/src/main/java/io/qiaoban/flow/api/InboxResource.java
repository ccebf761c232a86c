package io.qiaoban.flow.api;

import io.qiaoban.core.workspace.MemberDirectory;
import io.qiaoban.flow.approval.ApprovalService;
import io.qiaoban.flow.approval.FlowTask;
import io.qiaoban.flow.approval.Inbox;
import io.qiaoban.flow.runtime.PublishedGraphs;
import io.qiaoban.flow.runtime.RunnableGraph;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The approvals inbox of the caller, and deciding a task. */
@Path("/v1/workspaces/{workspaceId}")
public class InboxResource {
    public record InboxItem(UUID taskId, String taskState, String nodeId, String nodeName, String comment, UUID instanceId,
            String instanceState, UUID appId, UUID flowId, String flowName, UUID startedBy, String startedByName, Instant startedAt,
            String subjectForm, UUID subjectRecord, Instant at, Instant remindedAt) {
    }

    public record TaskDecided(UUID id, String state, String comment, UUID transferredTo, Instant decidedAt) {
    }

    private final Inbox inbox;
    private final ApprovalService approvals;
    private final PublishedGraphs graphs;
    private final MemberDirectory members;

    InboxResource(Inbox inbox, ApprovalService approvals, PublishedGraphs graphs, MemberDirectory members) {
        this.inbox = inbox;
        this.approvals = approvals;
        this.graphs = graphs;
        this.members = members;
    }

    @GET
    @Path("/inbox")
    public List<InboxItem> list(@PathParam("workspaceId") UUID workspaceId, @QueryParam("box") String box,
            @QueryParam("limit") @DefaultValue("100") int limit) throws Exception {
        List<Inbox.Item> items = inbox.list(workspaceId, Inbox.box(box), limit);
        Set<UUID> people = new HashSet<>();
        items.forEach(i -> people.add(i.startedBy()));
        people.remove(null);
        Map<UUID, String> names = members.names(people);
        return items.stream().map(i -> new InboxItem(i.taskId(), i.taskState(), i.nodeId(), nodeName(i), i.comment(), i.instanceId(),
                i.instanceState(), i.appId(), i.flowId(), i.flowName(), i.startedBy(),
                i.startedBy() == null ? null : names.get(i.startedBy()), i.startedAt(), i.subjectForm(), i.subjectRecord(), i.at(),
                i.remindedAt()))
                .toList();
    }

    @POST
    @Path("/tasks/{taskId}/decision")
    public TaskDecided decide(@PathParam("workspaceId") UUID workspaceId, @PathParam("taskId") UUID taskId,
            ApprovalService.Decision decision) throws Exception {
        FlowTask task = approvals.decide(workspaceId, taskId, decision);
        return new TaskDecided(task.id(), task.state(), task.comment(), task.transferredTo(), task.decidedAt());
    }

    private String nodeName(Inbox.Item item) {
        if (item.nodeId() == null) {
            return null;
        }
        try {
            RunnableGraph graph = graphs.get(item.flowId(), item.version());
            return graph.has(item.nodeId()) ? graph.node(item.nodeId()).name() : null;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
