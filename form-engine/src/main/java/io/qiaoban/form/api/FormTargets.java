package io.qiaoban.form.api;

import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.role.Permission;
import io.qiaoban.core.workspace.Membership;
import io.qiaoban.core.workspace.WorkspaceGuard;
import io.qiaoban.form.access.FormAccess;
import io.qiaoban.form.access.FormPermissions;
import io.qiaoban.form.form.FormService;
import io.qiaoban.form.form.PublishedForm;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Resolves the published form a records request is about and the caller's access to it. */
@ApplicationScoped
class FormTargets {
    private final FormService forms;
    private final FormPermissions permissions;
    private final WorkspaceGuard guard;

    FormTargets(FormService forms, FormPermissions permissions, WorkspaceGuard guard) {
        this.forms = forms;
        this.permissions = permissions;
        this.guard = guard;
    }

    /** The published form and the caller's access to it, for one who may at least view its records. */
    record Target(PublishedForm form, FormAccess access, Membership member) {
    }

    Target viewable(UUID workspaceId, UUID appId, UUID formId) throws Exception {
        // one membership read for the whole request: it both guards the workspace and decides the access
        Membership member = guard.require(workspaceId, Permission.APP_VIEW);
        // the form and the role's setting for it in one read, then the published version (cached)
        FormPermissions.Targeted targeted = permissions.target(member, appId, formId)
                .orElseThrow(() -> ProblemException.notFound("@thing.form"));
        PublishedForm form = forms.published(targeted.head());
        FormPermissions.require(targeted.access().view());
        return new Target(form, targeted.access(), member);
    }
}
