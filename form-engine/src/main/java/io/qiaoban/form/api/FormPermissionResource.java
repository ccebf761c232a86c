package io.qiaoban.form.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiaoban.core.audit.AuditService;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.role.Permission;
import io.qiaoban.core.role.Role;
import io.qiaoban.core.workspace.WorkspaceGuard;
import io.qiaoban.form.access.FormPermissions;
import io.qiaoban.form.form.FormService;
import io.qiaoban.form.form.PublishedForm;
import io.qiaoban.form.form.StoredForm;
import io.qiaoban.form.query.FilterCompiler;
import io.qiaoban.form.query.QueryContext;
import io.qiaoban.form.schema.FieldTypes;
import io.qiaoban.form.schema.NulCharacters;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What each role may do with a form's records: the four operations, a row filter ("owner = $me")
 * and hidden fields. Without a setting a role has what its workspace permissions give; a setting can
 * only narrow that. Managing it needs app.manage.
 */
@Path("/v1/workspaces/{workspaceId}/apps/{appId}/forms/{formId}/permissions")
public class FormPermissionResource {
    public record SettingRequest(Boolean view, Boolean create, Boolean edit, Boolean delete, JsonNode rowFilter,
            List<String> hiddenFields) {
    }

    /** A role and its setting for the form; {@code custom} false means the role's defaults apply. */
    public record RoleSetting(UUID roleId, String roleName, boolean custom, FormPermissions.Setting setting) {
    }

    private final FormService forms;
    private final FormPermissions permissions;
    private final WorkspaceGuard guard;
    private final AuditService audit;

    FormPermissionResource(FormService forms, FormPermissions permissions, WorkspaceGuard guard, AuditService audit) {
        this.forms = forms;
        this.permissions = permissions;
        this.guard = guard;
        this.audit = audit;
    }

    @GET
    @Transactional(rollbackOn = Exception.class)
    public List<RoleSetting> list(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId) throws Exception {
        guard.require(workspaceId, Permission.APP_MANAGE);
        StoredForm form = forms.get(workspaceId, appId, formId);
        List<RoleSetting> settings = new ArrayList<>();
        for (Role role : Role.<Role>list("workspaceId = ?1 order by createdAt", workspaceId)) {
            Optional<FormPermissions.Setting> s = permissions.setting(form.id(), role.id);
            settings.add(new RoleSetting(role.id, role.name, s.isPresent(), s.orElse(new FormPermissions.Setting(role.id,
                    true, role.allows(Permission.RECORD_CREATE), role.allows(Permission.RECORD_EDIT),
                    role.allows(Permission.RECORD_DELETE), null, List.of()))));
        }
        return settings;
    }

    @PUT
    @Path("/{roleId}")
    @Transactional(rollbackOn = Exception.class)
    public FormPermissions.Setting save(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, @PathParam("roleId") UUID roleId, SettingRequest request) throws Exception {
        guard.require(workspaceId, Permission.APP_MANAGE);
        PublishedForm form = forms.published(workspaceId, appId, formId);
        Role role = Role.<Role>find("id = ?1 and workspaceId = ?2", roleId, workspaceId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("@thing.role"));
        if (request == null) {
            throw ProblemException.invalid("", "required");
        }
        List<FieldError> errors = new ArrayList<>();
        List<String> hidden = request.hiddenFields() == null ? List.of() : request.hiddenFields();
        for (int i = 0; i < hidden.size(); i++) {
            if (hidden.get(i) == null || form.schema().field(hidden.get(i)).isEmpty()) {
                errors.add(FieldError.of("hiddenFields[" + i + "]", "form.filter.unknownField",
                        hidden.get(i) == null ? "null" : hidden.get(i)));
            }
        }
        if (request.rowFilter() != null && !request.rowFilter().isNull()) {
            NulCharacters.refuse(request.rowFilter(), "rowFilter");
            try {
                // checked like any filter; $me is compiled against a random user id, as any member would be
                new FilterCompiler(FieldTypes.standard()).compile(request.rowFilter(), new QueryContext(form.formId(),
                        form.schema(), key -> Optional.empty(), UUID.randomUUID(), Instant.now(), java.time.ZoneOffset.UTC));
            } catch (ProblemException e) {
                e.errors().forEach(err -> errors.add(new FieldError("rowFilter" + err.field().substring("filter".length()),
                        err.code(), err.message(), err.position(), err.args())));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", errors);
        }
        FormPermissions.Setting setting = new FormPermissions.Setting(role.id, !Boolean.FALSE.equals(request.view()),
                !Boolean.FALSE.equals(request.create()), !Boolean.FALSE.equals(request.edit()),
                !Boolean.FALSE.equals(request.delete()), request.rowFilter(), hidden);
        permissions.save(form.formId(), setting);
        audit.record("permission.changed", workspaceId, Map.of("form", form.key(), "role", role.name, "view", setting.view(),
                "create", setting.create(), "edit", setting.edit(), "delete", setting.delete(),
                "rowFilter", String.valueOf(setting.rowFilter()), "hiddenFields", hidden));
        return setting;
    }

    @DELETE
    @Path("/{roleId}")
    @Transactional(rollbackOn = Exception.class)
    public Response reset(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, @PathParam("roleId") UUID roleId) throws Exception {
        guard.require(workspaceId, Permission.APP_MANAGE);
        StoredForm form = forms.get(workspaceId, appId, formId);
        permissions.remove(form.id(), roleId);
        audit.record("permission.changed", workspaceId, Map.of("form", form.key(), "role", roleId.toString(), "reset", true));
        return Response.noContent().build();
    }
}
