package io.qiaoban.core.notification;

import io.qiaoban.core.problem.Messages;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** The caller's own notices in a workspace (the bell in the header). */
@Path("/v1/workspaces/{workspaceId}/notifications")
public class NotificationResource {
    private final NotificationService notifications;

    NotificationResource(NotificationService notifications) {
        this.notifications = notifications;
    }

    @GET
    public NotificationService.Inbox mine(@PathParam("workspaceId") UUID workspaceId,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) throws Exception {
        return notifications.mine(workspaceId, Messages.fromAcceptLanguage(language));
    }

    @POST
    @Path("/{id}/read")
    public Response read(@PathParam("workspaceId") UUID workspaceId, @PathParam("id") long id) throws Exception {
        notifications.read(workspaceId, id);
        return Response.noContent().build();
    }

    @POST
    @Path("/read")
    public Response readAll(@PathParam("workspaceId") UUID workspaceId) throws Exception {
        notifications.readAll(workspaceId);
        return Response.noContent().build();
    }
}
