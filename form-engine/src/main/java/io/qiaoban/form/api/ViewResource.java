package io.qiaoban.form.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.role.Permission;
import io.qiaoban.core.web.IfMatch;
import io.qiaoban.form.view.FormView;
import io.qiaoban.form.view.ViewService;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Saved views of a form's records: the shared ones and the caller's own. Anyone who sees the records
 * keeps personal views; shared views are made and changed by those who manage the app.
 */
@Path("/v1/workspaces/{workspaceId}/apps/{appId}/forms/{formId}/views")
public class ViewResource {
    public record ViewDto(UUID id, String name, String kind, ObjectNode config, boolean shared, boolean editable, int position,
            int version, Instant updatedAt) {
    }

    private final FormTargets targets;
    private final ViewService views;

    ViewResource(FormTargets targets, ViewService views) {
        this.targets = targets;
        this.views = views;
    }

    @Transactional(rollbackOn = Exception.class)
    @GET
    public List<ViewDto> list(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId) throws Exception {
        FormTargets.Target t = targets.viewable(workspaceId, appId, formId);
        return views.list(t.form(), t.access()).stream().map(v -> dto(v, t)).toList();
    }

    @Transactional(rollbackOn = Exception.class)
    @POST
    public Response create(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, ViewService.ViewInput body) throws Exception {
        if (body == null) {
            throw ProblemException.invalid("", "required");
        }
        FormTargets.Target t = targets.viewable(workspaceId, appId, formId);
        FormView created = views.create(t.form(), t.access(), t.member().role.allows(Permission.APP_MANAGE), body);
        return Response.status(201).entity(dto(created, t)).tag(String.valueOf(created.version())).build();
    }

    @Transactional(rollbackOn = Exception.class)
    @PUT
    @Path("/{viewId}")
    public Response update(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, @PathParam("viewId") UUID viewId, @HeaderParam("If-Match") String ifMatch,
            ViewService.ViewInput body) throws Exception {
        if (body == null) {
            throw ProblemException.invalid("", "required");
        }
        FormTargets.Target t = targets.viewable(workspaceId, appId, formId);
        FormView changed = views.update(t.form(), t.access(), t.member().role.allows(Permission.APP_MANAGE), viewId,
                IfMatch.intVersion(ifMatch), body);
        return Response.ok(dto(changed, t)).tag(String.valueOf(changed.version())).build();
    }

    @Transactional(rollbackOn = Exception.class)
    @DELETE
    @Path("/{viewId}")
    public Response delete(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, @PathParam("viewId") UUID viewId) throws Exception {
        FormTargets.Target t = targets.viewable(workspaceId, appId, formId);
        views.delete(t.form(), t.access(), t.member().role.allows(Permission.APP_MANAGE), viewId);
        return Response.noContent().build();
    }

    private static ViewDto dto(FormView v, FormTargets.Target t) {
        boolean editable = v.shared() ? t.member().role.allows(Permission.APP_MANAGE) : true;
        return new ViewDto(v.id(), v.name(), v.kind(), v.config(), v.shared(), editable, v.position(), v.version(), v.updatedAt());
    }
}
