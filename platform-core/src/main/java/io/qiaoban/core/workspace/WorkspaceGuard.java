package io.qiaoban.core.workspace;

import io.qiaoban.core.auth.Caller;
import io.qiaoban.core.auth.CurrentCaller;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.role.Permission;
import io.qiaoban.core.role.Role;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
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

    /**
     * No one hands out more than they hold: a caller may assign a role only if it grants nothing the
     * caller's own role lacks, and only owners make or unmake owners.
     */
    public void requireMayAssign(Membership caller, Role role) {
        if (!role.grantsNoMoreThan(caller.role)) {
            throw new ProblemException(403, "grant-exceeds-own");
        }
    }

    /** Only owners change what an owner is or does. */
    public void requireMayChange(Membership caller, Membership target) {
        if (target.role.isOwner() && !caller.role.isOwner()) {
            throw new ProblemException(403, "owner-only");
        }
    }

    /** Permissions a caller may put into a role: only those the caller holds. */
    public void requireMayGrant(Membership caller, Collection<String> permissions) {
        if (!caller.role.isOwner() && !caller.role.permissions.containsAll(permissions)) {
            throw new ProblemException(403, "grant-exceeds-own");
        }
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
