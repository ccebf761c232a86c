package io.qiaoban.core.role;

import io.qiaoban.core.audit.AuditService;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.validation.Check;
import io.qiaoban.core.workspace.Membership;
import io.qiaoban.core.workspace.WorkspaceGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Roles of a workspace and the permissions they grant. The owner role cannot be narrowed. */
@ApplicationScoped
public class RoleService {
    private final WorkspaceGuard guard;
    private final AuditService audit;
    private final Clock clock;

    RoleService(WorkspaceGuard guard, AuditService audit, Clock clock) {
        this.guard = guard;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public List<Role> list(UUID workspaceId) {
        guard.require(workspaceId, Permission.MEMBER_VIEW);
        return Role.list("workspaceId = ?1 order by createdAt, name", workspaceId);
    }

    @Transactional
    public Role create(UUID workspaceId, String name, String description, List<String> permissions) {
        Membership caller = guard.require(workspaceId, Permission.ROLE_MANAGE);
        Instant now = clock.instant();
        Role role = new Role();
        role.id = UUID.randomUUID();
        role.workspaceId = workspaceId;
        role.name = uniqueName(workspaceId, null, name);
        role.description = Check.optional("description", description, 300);
        role.permissions = checkedPermissions(permissions == null ? List.of() : permissions);
        guard.requireMayGrant(caller, role.permissions);
        role.createdAt = now;
        role.updatedAt = now;
        role.persist();
        audit.record("role.created", workspaceId, Map.of("role", role.name, "permissions", role.permissions));
        return role;
    }

    @Transactional
    public Role update(UUID workspaceId, UUID roleId, String name, String description, List<String> permissions) {
        Membership caller = guard.require(workspaceId, Permission.ROLE_MANAGE);
        Role role = find(workspaceId, roleId);
        if (!caller.role.isOwner() && (caller.role.id.equals(roleId) || !role.grantsNoMoreThan(caller.role))) {
            // nobody widens their own role, or edits a role that holds more than they do
            throw new ProblemException(403, "grant-exceeds-own");
        }
        if (role.isOwner() && (permissions != null || name != null)) {
            throw ProblemException.conflict("owner-role-fixed");
        }
        List<String> before = List.copyOf(role.permissions);
        if (name != null) {
            role.name = uniqueName(workspaceId, roleId, name);
        }
        if (description != null) {
            role.description = Check.optional("description", description, 300);
        }
        if (permissions != null) {
            role.permissions = checkedPermissions(permissions);
            guard.requireMayGrant(caller, role.permissions);
        }
        role.updatedAt = clock.instant();
        audit.record("role.updated", workspaceId, Map.of("role", role.name, "from", before, "to", role.permissions));
        return role;
    }

    @Transactional
    public void delete(UUID workspaceId, UUID roleId) {
        Membership caller = guard.require(workspaceId, Permission.ROLE_MANAGE);
        Role role = find(workspaceId, roleId);
        if (!role.grantsNoMoreThan(caller.role)) {
            throw new ProblemException(403, "grant-exceeds-own");
        }
        if (role.builtinKey != null) {
            throw ProblemException.conflict("builtin-role");
        }
        if (Membership.count("role.id", roleId) > 0) {
            throw ProblemException.conflict("role-in-use");
        }
        audit.record("role.deleted", workspaceId, Map.of("role", role.name));
        role.delete();
    }

    public long memberCount(UUID roleId) {
        return Membership.count("role.id", roleId);
    }

    /** A role of this workspace, or 404: a role id from another workspace is as unknown as a made-up one. */
    public static Role find(UUID workspaceId, UUID roleId) {
        if (roleId == null) {
            throw ProblemException.invalid("roleId", "required");
        }
        return Role.<Role>find("id = ?1 and workspaceId = ?2", roleId, workspaceId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("@thing.role"));
    }

    private String uniqueName(UUID workspaceId, UUID roleId, String name) {
        String checked = Check.name("name", name, 60);
        long clash = Role.count("workspaceId = ?1 and lower(name) = lower(?2) and id <> ?3", workspaceId, checked,
                roleId == null ? new UUID(0, 0) : roleId);
        if (clash > 0) {
            throw new ProblemException(409, "name-taken", List.of(new FieldError("name", "name-taken", null)), checked);
        }
        return checked;
    }

    private static List<String> checkedPermissions(List<String> permissions) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < permissions.size(); i++) {
            if (permissions.get(i) == null || Permission.byKey(permissions.get(i)).isEmpty()) {
                errors.add(new FieldError("permissions[" + i + "]", "unknown-permission", null));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", errors, String.valueOf(permissions));
        }
        return new ArrayList<>(new LinkedHashSet<>(permissions));
    }
}
