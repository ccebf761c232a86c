package io.qiaoban.core.workspace;

import io.qiaoban.core.validation.Check;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

@Path("/v1/workspaces")
public class WorkspaceResource {
    public record WorkspaceRequest(String name) {
    }

    /** A workspace as its member sees it, with the member's own role and permissions. */
    public record WorkspaceView(UUID id, String name, Instant createdAt, UUID roleId, String roleName,
            List<String> permissions) {
        static WorkspaceView of(Membership m) {
            Workspace ws = WorkspaceService.workspace(m.workspaceId);
            return new WorkspaceView(ws.id, ws.name, ws.createdAt, m.role.id, m.role.name, List.copyOf(m.role.permissions));
        }
    }

    private final WorkspaceService workspaces;

    WorkspaceResource(WorkspaceService workspaces) {
        this.workspaces = workspaces;
    }

    @GET
    @Transactional
    public List<WorkspaceView> list() {
        return workspaces.mine().stream().map(WorkspaceView::of)
                .sorted(Comparator.comparing(WorkspaceView::createdAt)).toList();
    }

    @POST
    @Transactional
    public Response create(WorkspaceRequest request) {
        Membership m = workspaces.create(Check.required("name", request).name());
        return Response.status(201).entity(WorkspaceView.of(m)).build();
    }

    @GET
    @Path("/{workspaceId}")
    @Transactional
    public WorkspaceView get(@PathParam("workspaceId") UUID workspaceId) {
        return WorkspaceView.of(workspaces.member(workspaceId));
    }

    @PATCH
    @Path("/{workspaceId}")
    @Transactional
    public WorkspaceView rename(@PathParam("workspaceId") UUID workspaceId, WorkspaceRequest request) {
        return WorkspaceView.of(workspaces.rename(workspaceId, Check.required("name", request).name()));
    }

    @DELETE
    @Path("/{workspaceId}")
    public Response delete(@PathParam("workspaceId") UUID workspaceId) {
        workspaces.delete(workspaceId);
        return Response.noContent().build();
    }
}
