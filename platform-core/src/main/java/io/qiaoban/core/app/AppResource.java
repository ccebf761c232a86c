package io.qiaoban.core.app;

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
import java.util.List;
import java.util.UUID;

@Path("/v1/workspaces/{workspaceId}/apps")
public class AppResource {
    public record AppRequest(String name, String description) {
    }

    public record AppView(UUID id, String name, String description, Instant createdAt, Instant updatedAt) {
        static AppView of(App a) {
            return new AppView(a.id, a.name, a.description, a.createdAt, a.updatedAt);
        }
    }

    private final AppService apps;

    AppResource(AppService apps) {
        this.apps = apps;
    }

    @GET
    @Transactional
    public List<AppView> list(@PathParam("workspaceId") UUID workspaceId) {
        return apps.list(workspaceId).stream().map(AppView::of).toList();
    }

    @POST
    @Transactional
    public Response create(@PathParam("workspaceId") UUID workspaceId, AppRequest request) {
        Check.required("name", request);
        return Response.status(201).entity(AppView.of(apps.create(workspaceId, request.name(), request.description()))).build();
    }

    @GET
    @Path("/{appId}")
    @Transactional
    public AppView get(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId) {
        return AppView.of(apps.get(workspaceId, appId));
    }

    @PATCH
    @Path("/{appId}")
    @Transactional
    public AppView update(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId, AppRequest request) {
        Check.required("name", request);
        return AppView.of(apps.update(workspaceId, appId, request.name(), request.description()));
    }

    @DELETE
    @Path("/{appId}")
    public Response delete(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId) {
        apps.delete(workspaceId, appId);
        return Response.noContent().build();
    }
}
