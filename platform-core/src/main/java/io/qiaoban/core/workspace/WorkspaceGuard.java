package io.qiaoban.core.workspace;

import io.qiaoban.core.auth.Caller;
import io.qiaoban.core.auth.CurrentCaller;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.role.Permission;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The one place that decides whether the caller may touch a workspace. A caller who is not a member
 * learns nothing, not even that the workspace exists: 404. A member without the permission gets 403.
 */
@ApplicationScoped
public class WorkspaceGuard {
    private final CurrentCaller current;

    WorkspaceGuard(CurrentCaller current) {
        this.current = current;
    }

    /** Must run inside a transaction; returns the caller's membership with its role loaded. */
    public Membership require(UUID workspaceId, Permission permission) {
        Membership membership = member(workspaceId);
        if (!membership.role.allows(permission)) {
            throw ProblemException.forbidden();
        }
        return membership;
    }

    public Membership member(UUID workspaceId) {
        Caller caller = current.get();
        return Membership.of(workspaceId, caller.id())
                .orElseThrow(() -> ProblemException.notFound("@thing.workspace"));
    }

    public Caller caller() {
        return current.get();
    }
}
