package io.qiaoban.core.workspace;

import io.qiaoban.core.audit.AuditService;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.role.Permission;
import io.qiaoban.core.role.Role;
import io.qiaoban.core.role.RoleService;
import io.qiaoban.core.user.AppUser;
import io.qiaoban.core.user.PasswordPolicy;
import io.qiaoban.core.user.Passwords;
import io.qiaoban.core.validation.Check;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The people of a workspace. Adding a member creates the user account with an initial password that
 * the user must change at first login; there is no sign-up.
 */
@ApplicationScoped
public class MemberService {
    private final WorkspaceGuard guard;
    private final AuditService audit;
    private final Clock clock;

    MemberService(WorkspaceGuard guard, AuditService audit, Clock clock) {
        this.guard = guard;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public List<Membership> list(UUID workspaceId) {
        guard.require(workspaceId, Permission.MEMBER_VIEW);
        return Membership.inWorkspace(workspaceId);
    }

    @Transactional
    public Membership add(UUID workspaceId, String username, String displayName, String initialPassword, UUID roleId) {
        Membership caller = guard.require(workspaceId, Permission.MEMBER_MANAGE);
        String name = Check.username("username", username);
        String display = Check.name("displayName", displayName, 100);
        PasswordPolicy.check("initialPassword", initialPassword);
        Role role = RoleService.find(workspaceId, roleId);
        guard.requireMayAssign(caller, role);
        if (AppUser.findByUsername(name).isPresent()) {
            throw new ProblemException(409, "name-taken", List.of(new FieldError("username", "name-taken", null)), name);
        }
        Instant now = clock.instant();
        AppUser user = new AppUser();
        user.id = UUID.randomUUID();
        user.username = name;
        user.displayName = display;
        user.passwordHash = Passwords.hash(initialPassword);
        user.mustChangePassword = true;
        user.createdAt = now;
        user.updatedAt = now;
        user.persist();
        Membership membership = new Membership();
        membership.id = UUID.randomUUID();
        membership.workspaceId = workspaceId;
        membership.user = user;
        membership.role = role;
        membership.createdAt = now;
        membership.persist();
        audit.record("user.created", null, Map.of("username", name));
        audit.record("member.added", workspaceId, Map.of("username", name, "role", role.name));
        return membership;
    }

    @Transactional
    public Membership changeRole(UUID workspaceId, UUID userId, UUID roleId) {
        Membership caller = guard.require(workspaceId, Permission.MEMBER_MANAGE);
        Membership membership = target(workspaceId, userId);
        Role role = RoleService.find(workspaceId, roleId);
        guard.requireMayChange(caller, membership);
        guard.requireMayAssign(caller, role);
        String before = membership.role.name;
        if (membership.role.isOwner() && !role.isOwner()) {
            requireAnotherOwner(workspaceId);
        }
        membership.role = role;
        audit.record("role.changed", workspaceId, Map.of("username", membership.user.username, "from", before, "to", role.name));
        return membership;
    }

    @Transactional
    public void remove(UUID workspaceId, UUID userId) {
        Membership caller = guard.require(workspaceId, Permission.MEMBER_MANAGE);
        Membership membership = target(workspaceId, userId);
        guard.requireMayChange(caller, membership);
        if (membership.role.isOwner()) {
            requireAnotherOwner(workspaceId);
        }
        audit.record("member.removed", workspaceId, Map.of("username", membership.user.username));
        membership.delete();
    }

    private Membership target(UUID workspaceId, UUID userId) {
        if (guard.caller().id().equals(userId)) {
            throw ProblemException.conflict("self-membership");
        }
        return Membership.of(workspaceId, userId).orElseThrow(() -> ProblemException.notFound("@thing.member"));
    }

    private static void requireAnotherOwner(UUID workspaceId) {
        // two owners demoting each other at once must not both see "another owner is left"
        Workspace.getEntityManager().find(Workspace.class, workspaceId, LockModeType.PESSIMISTIC_WRITE);
        long owners = Membership.count("workspaceId = ?1 and role.builtinKey = 'owner'", workspaceId);
        if (owners <= 1) {
            throw ProblemException.conflict("last-owner");
        }
    }
}
