package io.qiaoban.form.api;

import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.role.Permission;
import io.qiaoban.core.workspace.Membership;
import io.qiaoban.core.workspace.WorkspaceGuard;
import io.qiaoban.form.access.FormAccess;
import io.qiaoban.form.access.DerivedHiddenFields;
import io.qiaoban.form.access.FormPermissions;
import io.qiaoban.form.form.FormService;
import io.qiaoban.form.form.PublishedForm;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** Resolves the published form a records request is about and the caller's access to it. */
@ApplicationScoped
class FormTargets {
    private final FormService forms;
    private final FormPermissions permissions;
    private final DerivedHiddenFields derived;
    private final WorkspaceGuard guard;

    FormTargets(FormService forms, FormPermissions permissions, DerivedHiddenFields derived, WorkspaceGuard guard) {
        this.derived = derived;
        this.forms = forms;
        this.permissions = permissions;
        this.guard = guard;
    }

    /** The published form and the caller's access to it, for one who may at least view its records. */
    record Target(PublishedForm form, FormAccess access, Membership member) {
    }

    Target viewable(UUID workspaceId, UUID appId, UUID formId) throws Exception {
        // one read for the whole request: the membership (it guards the workspace and decides the access),
        // the form and the role's setting for it; then the published version (cached)
        WorkspaceGuard.Guarded<Optional<FormPermissions.Targeted>> guarded = guard.require(workspaceId, Permission.APP_VIEW,
                permissions.target(appId, formId));
        Membership member = guarded.membership();
        FormPermissions.Targeted targeted = guarded.joined().orElseThrow(() -> ProblemException.notFound("@thing.form"));
        PublishedForm form = forms.published(targeted.head());
        FormPermissions.require(targeted.access().view());
        return new Target(form, derived.complete(targeted.access(), form, member.role.id), member);
    }
}
