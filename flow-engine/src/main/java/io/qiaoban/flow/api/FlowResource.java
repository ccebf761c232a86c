package io.qiaoban.flow.api;

import io.qiaoban.core.problem.Messages;
import io.qiaoban.core.validation.Check;
import io.qiaoban.core.web.IfMatch;
import io.qiaoban.flow.definition.FlowRepository;
import io.qiaoban.flow.definition.FlowService;
import io.qiaoban.flow.definition.StoredFlow;
import io.qiaoban.flow.graph.FlowGraph;
import io.qiaoban.flow.graph.GraphProblem;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Flows of an app: create, design the draft (saved with its problems listed, each on its node or
 * edge), publish immutable versions, read them, delete.
 */
@Path("/v1/workspaces/{workspaceId}/apps/{appId}/flows")
public class FlowResource {
    public record NewFlow(String kind, String name, String description, FlowGraph graph) {
    }

    public record DraftChange(String name, String description, FlowGraph graph) {
    }

    /** A problem of the draft in the reader's language: where ("nodes.approve", "edges[2]"), what, and the text. */
    public record Problem(String field, String nodeId, Integer edgeIndex, String code, String message) {
    }

    public record FlowView(UUID id, UUID appId, String kind, String name, String description, FlowGraph draft,
            int draftVersion, Integer publishedVersion, boolean changedSincePublish, List<Problem> problems, Instant updatedAt) {
    }

    public record FlowSummary(UUID id, String kind, String name, String description, int nodeCount, int draftVersion,
            Integer publishedVersion, boolean changedSincePublish, int problemCount, Instant updatedAt) {
    }

    private final FlowService flows;

    FlowResource(FlowService flows) {
        this.flows = flows;
    }

    @GET
    public List<FlowSummary> list(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId) throws Exception {
        return flows.list(workspaceId, appId).stream().map(f -> new FlowSummary(f.id(), f.kind().key(), f.name(), f.description(),
                f.draft().nodes().size(), f.draftVersion(), f.publishedVersion(), f.changedSincePublish(),
                flows.problems(f.draft()).size(), f.updatedAt())).toList();
    }

    /** The published flows a user starts by hand about a record of this form ("submit for approval" in the record). */
    @GET
    @Path("/startable")
    public List<FlowService.Startable> startable(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @QueryParam("form") String form) throws Exception {
        return flows.startable(workspaceId, appId, form);
    }

    @POST
    public Response create(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId, NewFlow request,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) throws Exception {
        Check.required("name", request);
        StoredFlow flow = flows.create(workspaceId, appId, request.kind(), request.name(), request.description(), request.graph());
        return Response.status(201).entity(view(flow, language)).tag(String.valueOf(flow.draftVersion())).build();
    }

    @GET
    @Path("/{flowId}")
    public Response get(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("flowId") UUID flowId, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) throws Exception {
        StoredFlow flow = flows.get(workspaceId, appId, flowId);
        return Response.ok(view(flow, language)).tag(String.valueOf(flow.draftVersion())).build();
    }

    @PUT
    @Path("/{flowId}")
    public Response saveDraft(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("flowId") UUID flowId, @HeaderParam("If-Match") String ifMatch, DraftChange change,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) throws Exception {
        Check.required("graph", change);
        StoredFlow flow = flows.saveDraft(workspaceId, appId, flowId, IfMatch.intVersion(ifMatch), change.name(),
                change.description(), change.graph());
        return Response.ok(view(flow, language)).tag(String.valueOf(flow.draftVersion())).build();
    }

    @POST
    @Path("/{flowId}/publish")
    public Response publish(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("flowId") UUID flowId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) throws Exception {
        StoredFlow flow = flows.publish(workspaceId, appId, flowId, IfMatch.intVersion(ifMatch));
        return Response.ok(view(flow, language)).tag(String.valueOf(flow.draftVersion())).build();
    }

    @GET
    @Path("/{flowId}/versions")
    public List<FlowRepository.Version> versions(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("flowId") UUID flowId) throws Exception {
        return flows.versions(workspaceId, appId, flowId);
    }

    @GET
    @Path("/{flowId}/versions/{version}")
    public FlowGraph version(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("flowId") UUID flowId, @PathParam("version") int version) throws Exception {
        return flows.version(workspaceId, appId, flowId, version);
    }

    @DELETE
    @Path("/{flowId}")
    public Response delete(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("flowId") UUID flowId) throws Exception {
        flows.delete(workspaceId, appId, flowId);
        return Response.noContent().build();
    }

    private FlowView view(StoredFlow f, String language) {
        Locale locale = Messages.fromAcceptLanguage(language);
        List<Problem> problems = flows.problems(f.draft()).stream().map(p -> problem(p, locale)).toList();
        return new FlowView(f.id(), f.appId(), f.kind().key(), f.name(), f.description(), f.draft(), f.draftVersion(),
                f.publishedVersion(), f.changedSincePublish(), problems, f.updatedAt());
    }

    private static Problem problem(GraphProblem p, Locale locale) {
        return new Problem(p.field(), p.nodeId(), p.edgeIndex(), p.code(), Messages.text(locale, "field." + p.code(), p.args()));
    }
}
