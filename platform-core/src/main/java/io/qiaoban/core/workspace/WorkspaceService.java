package io.qiaoban.core.workspace;

import io.qiaoban.core.audit.AuditService;
import io.qiaoban.core.auth.Caller;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.role.BuiltinRole;
import io.qiaoban.core.role.Permission;
import io.qiaoban.core.role.Role;
import io.qiaoban.core.user.AppUser;
import io.qiaoban.core.validation.Check;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Creating, renaming and deleting workspaces; the creator becomes the owner. */
@ApplicationScoped
public class WorkspaceService {
    private final WorkspaceGuard guard;
    private final AuditService audit;
    private final Clock clock;

    WorkspaceService(WorkspaceGuard guard, AuditService audit, Clock clock) {
        this.guard = guard;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public List<Membership> mine() {
        return Membership.ofUser(guard.caller().id());
    }

    @Transactional
    public Membership create(String name) {
        Caller caller = guard.caller();
        if (!caller.platformAdmin()) {
            throw ProblemException.forbidden();
        }
        Instant now = clock.instant();
        Workspace ws = new Workspace();
        ws.id = UUID.randomUUID();
        ws.name = Check.name("name", name, 100);
        ws.timeZone = "Asia/Shanghai";
        ws.createdAt = now;
        ws.updatedAt = now;
        ws.persist();
        Role owner = null;
        for (BuiltinRole builtin : BuiltinRole.values()) {
            Role role = new Role();
            role.id = UUID.randomUUID();
            role.workspaceId = ws.id;
            role.builtinKey = builtin.key();
            role.name = builtin.defaultName();
            role.permissions = new ArrayList<>(builtin.permissions());
            // one microsecond apart, so the built-in roles list in their natural order
            role.createdAt = now.plusNanos(1000L * builtin.ordinal());
            role.updatedAt = now;
            role.persist();
            if (builtin == BuiltinRole.OWNER) {
                owner = role;
            }
        }
        Membership membership = new Membership();
        membership.id = UUID.randomUUID();
        membership.workspaceId = ws.id;
        membership.user = AppUser.findById(caller.id());
        membership.role = owner;
        membership.createdAt = now;
        membership.persist();
        audit.record("workspace.created", ws.id, Map.of("name", ws.name));
        return membership;
    }

    @Transactional
    public Membership rename(UUID workspaceId, String name) {
        Membership membership = guard.require(workspaceId, Permission.WORKSPACE_MANAGE);
        Workspace ws = Workspace.findById(workspaceId);
        String before = ws.name;
        ws.name = Check.name("name", name, 100);
        ws.updatedAt = clock.instant();
        audit.record("workspace.updated", ws.id, Map.of("from", before, "to", ws.name));
        return membership;
    }

    @Transactional
    public void delete(UUID workspaceId) {
        guard.require(workspaceId, Permission.WORKSPACE_MANAGE);
        Workspace ws = Workspace.findById(workspaceId);
        audit.record("workspace.deleted", ws.id, Map.of("name", ws.name));
        Membership.delete("workspaceId", workspaceId);
        ws.delete();
    }

    @Transactional
    public Membership member(UUID workspaceId) {
        return guard.member(workspaceId);
    }

    public static Workspace workspace(UUID id) {
        return Workspace.findById(id);
    }
}
