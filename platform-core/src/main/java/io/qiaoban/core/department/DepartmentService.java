package io.qiaoban.core.department;

import io.qiaoban.core.audit.AuditService;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.role.Permission;
import io.qiaoban.core.validation.Check;
import io.qiaoban.core.workspace.Membership;
import io.qiaoban.core.workspace.Workspace;
import io.qiaoban.core.workspace.WorkspaceGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The department tree of a workspace and who sits in each department. Every member may read the tree
 * (department fields show department names to anyone who sees a record); changing it takes
 * {@code member.manage}. Changes that reshape the tree lock the workspace row, so two moves at once
 * cannot together make a cycle.
 */
@ApplicationScoped
public class DepartmentService {
    /** Deep enough for group / region / city / store / team; deeper trees are a modelling mistake. */
    public static final int MAX_DEPTH = 10;
    public static final int MAX_DEPARTMENTS = 2_000;
    public static final int MAX_MEMBERS_PER_REQUEST = 200;

    private final WorkspaceGuard guard;
    private final AuditService audit;
    private final Clock clock;

    DepartmentService(WorkspaceGuard guard, AuditService audit, Clock clock) {
        this.guard = guard;
        this.audit = audit;
        this.clock = clock;
    }

    public record Summary(Department department, long memberCount) {
    }

    /** A change of a department: each part is applied only when present. */
    public record Change(Optional<String> name, Optional<Optional<UUID>> parentId, Optional<Integer> position) {
    }

    @Transactional
    public List<Summary> list(UUID workspaceId) {
        guard.member(workspaceId);
        Map<UUID, Long> counts = new HashMap<>();
        List<?> rows = em().createNativeQuery(
                "select department_id, count(*) from department_member where workspace_id = ?1 group by department_id")
                .setParameter(1, workspaceId).getResultList();
        for (Object row : rows) {
            Object[] cells = (Object[]) row;
            counts.put((UUID) cells[0], ((Number) cells[1]).longValue());
        }
        List<Department> all = Department.list("workspaceId = ?1 order by position, name", workspaceId);
        return all.stream().map(d -> new Summary(d, counts.getOrDefault(d.id, 0L))).toList();
    }

    @Transactional
    public Department create(UUID workspaceId, String name, UUID parentId, Integer position) {
        guard.require(workspaceId, Permission.MEMBER_MANAGE);
        lockTree(workspaceId);
        if (Department.count("workspaceId", workspaceId) >= MAX_DEPARTMENTS) {
            throw ProblemException.conflict("department-limit", MAX_DEPARTMENTS);
        }
        if (parentId != null && ancestry(workspaceId, find(workspaceId, parentId).id).size() >= MAX_DEPTH) {
            throw ProblemException.conflict("department-too-deep", MAX_DEPTH);
        }
        Instant now = clock.instant();
        Department d = new Department();
        d.id = UUID.randomUUID();
        d.workspaceId = workspaceId;
        d.parentId = parentId;
        d.name = uniqueName(workspaceId, parentId, null, name);
        d.position = position == null ? nextPosition(workspaceId, parentId) : checkedPosition(position);
        d.createdAt = now;
        d.updatedAt = now;
        d.persist();
        audit.record("department.created", workspaceId, Map.of("department", path(workspaceId, d)));
        return d;
    }

    @Transactional
    public Department update(UUID workspaceId, UUID departmentId, Change change) {
        guard.require(workspaceId, Permission.MEMBER_MANAGE);
        lockTree(workspaceId);
        Department d = find(workspaceId, departmentId);
        String before = path(workspaceId, d);
        UUID parentId = d.parentId;
        if (change.parentId().isPresent()) {
            parentId = change.parentId().get().orElse(null);
            if (parentId != null) {
                List<UUID> newAncestry = ancestry(workspaceId, find(workspaceId, parentId).id);
                if (newAncestry.contains(d.id)) {
                    throw new ProblemException(409, "department-cycle",
                            List.of(new FieldError("parentId", "department-cycle", null)));
                }
                if (newAncestry.size() + height(d.id) > MAX_DEPTH) {
                    throw ProblemException.conflict("department-too-deep", MAX_DEPTH);
                }
            }
        }
        String name = change.name().isPresent() ? change.name().get() : d.name;
        if (change.name().isPresent() || !Objects.equals(parentId, d.parentId)) {
            d.name = uniqueName(workspaceId, parentId, d.id, name);
        }
        if (!Objects.equals(parentId, d.parentId) && change.position().isEmpty()) {
            d.position = nextPosition(workspaceId, parentId);
        }
        d.parentId = parentId;
        change.position().ifPresent(p -> d.position = checkedPosition(p));
        d.updatedAt = clock.instant();
        String after = path(workspaceId, d);
        if (!before.equals(after)) {
            audit.record("department.updated", workspaceId, Map.of("from", before, "to", after));
        }
        return d;
    }

    @Transactional
    public void delete(UUID workspaceId, UUID departmentId) {
        guard.require(workspaceId, Permission.MEMBER_MANAGE);
        lockTree(workspaceId);
        Department d = find(workspaceId, departmentId);
        long children = Department.count("parentId", d.id);
        long members = memberCount(d.id);
        if (children > 0 || members > 0) {
            throw ProblemException.conflict("department-not-empty", children, members);
        }
        audit.record("department.deleted", workspaceId, Map.of("department", path(workspaceId, d)));
        d.delete();
    }

    /** The members of one department, as memberships with their users. */
    @Transactional
    public List<Membership> members(UUID workspaceId, UUID departmentId) {
        guard.require(workspaceId, Permission.MEMBER_VIEW);
        Department d = find(workspaceId, departmentId);
        return Membership.find("from Membership m join fetch m.user join fetch m.role where m.workspaceId = ?1 and "
                + "m.user.id in (select dm.userId from DepartmentMember dm where dm.departmentId = ?2) order by m.user.displayName",
                workspaceId, d.id).list();
    }

    /** Puts members into a department; those already in it stay as they are. */
    @Transactional
    public void addMembers(UUID workspaceId, UUID departmentId, List<UUID> userIds) {
        guard.require(workspaceId, Permission.MEMBER_MANAGE);
        Department d = find(workspaceId, departmentId);
        Check.required("userIds", userIds);
        if (userIds.isEmpty() || userIds.size() > MAX_MEMBERS_PER_REQUEST) {
            throw ProblemException.invalid("userIds", "out-of-range", 1, MAX_MEMBERS_PER_REQUEST);
        }
        Set<UUID> unique = new LinkedHashSet<>();
        List<FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < userIds.size(); i++) {
            UUID userId = userIds.get(i);
            if (userId == null || Membership.of(workspaceId, userId).isEmpty()) {
                unknown.add(new FieldError("userIds[" + i + "]", "unknown-member", null));
            } else {
                unique.add(userId);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ProblemException(400, "validation", unknown, unknown.size());
        }
        Instant now = clock.instant();
        List<String> added = new ArrayList<>();
        for (UUID userId : unique) {
            int inserted = em().createNativeQuery("insert into department_member (department_id, workspace_id, user_id, created_at) "
                    + "values (?1, ?2, ?3, ?4) on conflict do nothing")
                    .setParameter(1, d.id).setParameter(2, workspaceId).setParameter(3, userId).setParameter(4, now)
                    .executeUpdate();
            if (inserted > 0) {
                added.add(Membership.of(workspaceId, userId).orElseThrow().user.username);
            }
        }
        if (!added.isEmpty()) {
            audit.record("department.members-added", workspaceId, Map.of("department", path(workspaceId, d), "usernames", added));
        }
    }

    @Transactional
    public void removeMember(UUID workspaceId, UUID departmentId, UUID userId) {
        guard.require(workspaceId, Permission.MEMBER_MANAGE);
        Department d = find(workspaceId, departmentId);
        Membership m = Membership.of(workspaceId, userId).orElseThrow(() -> ProblemException.notFound("@thing.member"));
        int removed = em().createNativeQuery("delete from department_member where department_id = ?1 and user_id = ?2")
                .setParameter(1, d.id).setParameter(2, userId).executeUpdate();
        if (removed == 0) {
            throw ProblemException.notFound("@thing.member");
        }
        audit.record("department.member-removed", workspaceId, Map.of("department", path(workspaceId, d), "username", m.user.username));
    }

    /** Which departments each member of the workspace sits in; members in none are absent. */
    @Transactional
    public Map<UUID, List<UUID>> seats(UUID workspaceId) {
        Map<UUID, List<UUID>> byUser = new HashMap<>();
        for (DepartmentMember row : DepartmentMember.<DepartmentMember>list("workspaceId", workspaceId)) {
            byUser.computeIfAbsent(row.userId, u -> new ArrayList<>()).add(row.departmentId);
        }
        return byUser;
    }

    /** A department of this workspace, or 404: one of another workspace is as unknown as a made-up id. */
    public static Department find(UUID workspaceId, UUID departmentId) {
        if (departmentId == null) {
            throw ProblemException.notFound("@thing.department");
        }
        return Department.<Department>find("id = ?1 and workspaceId = ?2", departmentId, workspaceId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("@thing.department"));
    }

    private static long memberCount(UUID departmentId) {
        return DepartmentMember.count("departmentId", departmentId);
    }

    /** The department and its ancestors, nearest first. */
    private static List<UUID> ancestry(UUID workspaceId, UUID departmentId) {
        List<?> ids = em().createNativeQuery("""
                with recursive up(id, parent_id, depth) as (
                    select id, parent_id, 1 from department where id = ?1 and workspace_id = ?2
                    union all
                    select d.id, d.parent_id, up.depth + 1 from department d join up on d.id = up.parent_id
                    where up.depth <= ?3)
                select id from up order by depth""")
                .setParameter(1, departmentId).setParameter(2, workspaceId).setParameter(3, MAX_DEPTH + 1).getResultList();
        return ids.stream().map(UUID.class::cast).toList();
    }

    /** Levels of the subtree below and including the department. */
    private static int height(UUID departmentId) {
        Number levels = (Number) em().createNativeQuery("""
                with recursive down(id, depth) as (
                    select id, 1 from department where id = ?1
                    union all
                    select d.id, down.depth + 1 from department d join down on d.parent_id = down.id
                    where down.depth <= ?2)
                select max(depth) from down""")
                .setParameter(1, departmentId).setParameter(2, MAX_DEPTH + 1).getSingleResult();
        return levels.intValue();
    }

    /** "总部 / 销售部 / 华东区": how the audit log names a department. */
    private static String path(UUID workspaceId, Department d) {
        List<String> names = new ArrayList<>();
        names.add(d.name);
        UUID parent = d.parentId;
        while (parent != null && names.size() <= MAX_DEPTH) {
            Department p = Department.findById(parent);
            names.add(0, p.name);
            parent = p.parentId;
        }
        return String.join(" / ", names);
    }

    private static String uniqueName(UUID workspaceId, UUID parentId, UUID self, String name) {
        String checked = Check.name("name", name, 60);
        long clash = Department.count("workspaceId = ?1 and lower(name) = lower(?2) and id <> ?3 and "
                + (parentId == null ? "parentId is null" : "parentId = ?4"),
                parentId == null ? new Object[] {workspaceId, checked, self == null ? new UUID(0, 0) : self}
                        : new Object[] {workspaceId, checked, self == null ? new UUID(0, 0) : self, parentId});
        if (clash > 0) {
            throw new ProblemException(409, "name-taken", List.of(new FieldError("name", "name-taken", null)), checked);
        }
        return checked;
    }

    private static int nextPosition(UUID workspaceId, UUID parentId) {
        Number max = parentId == null
                ? (Number) em().createQuery("select max(d.position) from Department d where d.workspaceId = ?1 and d.parentId is null")
                        .setParameter(1, workspaceId).getSingleResult()
                : (Number) em().createQuery("select max(d.position) from Department d where d.parentId = ?1")
                        .setParameter(1, parentId).getSingleResult();
        return max == null ? 0 : max.intValue() + 1;
    }

    private static int checkedPosition(int position) {
        if (position < 0 || position > 1_000_000) {
            throw ProblemException.invalid("position", "out-of-range", 0, 1_000_000);
        }
        return position;
    }

    private static void lockTree(UUID workspaceId) {
        em().find(Workspace.class, workspaceId, LockModeType.PESSIMISTIC_WRITE);
    }

    private static EntityManager em() {
        return Department.getEntityManager();
    }
}
