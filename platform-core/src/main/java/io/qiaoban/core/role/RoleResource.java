package io.qiaoban.core.role;

import io.qiaoban.core.validation.Check;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

@Path("/v1/workspaces/{workspaceId}/roles")
public class RoleResource {
    public record RoleRequest(String name, String description, List<String> permissions) {
    }

    public record RoleView(UUID id, String name, String description, boolean builtIn, String builtInKey,
            List<String> permissions, long memberCount) {
    }

    private final RoleService roles;

    RoleResource(RoleService roles) {
        this.roles = roles;
    }

    @GET
    @Transactional
    public List<RoleView> list(@PathParam("workspaceId") UUID workspaceId) {
        return roles.list(workspaceId).stream().map(this::view).toList();
    }

    @POST
    @Transactional
    public Response create(@PathParam("workspaceId") UUID workspaceId, RoleRequest request) {
        Check.required("name", request);
        Role role = roles.create(workspaceId, request.name(), request.description(), request.permissions());
        return Response.status(201).entity(view(role)).build();
    }

    @PATCH
    @Path("/{roleId}")
    @Transactional
    public RoleView update(@PathParam("workspaceId") UUID workspaceId, @PathParam("roleId") UUID roleId, RoleRequest request) {
        Check.required("name", request);
        return view(roles.update(workspaceId, roleId, request.name(), request.description(), request.permissions()));
    }

    @DELETE
    @Path("/{roleId}")
    public Response delete(@PathParam("workspaceId") UUID workspaceId, @PathParam("roleId") UUID roleId) {
        roles.delete(workspaceId, roleId);
        return Response.noContent().build();
    }

    private RoleView view(Role r) {
        return new RoleView(r.id, r.name, r.description, r.builtinKey != null, r.builtinKey, List.copyOf(r.permissions),
                roles.memberCount(r.id));
    }
}
