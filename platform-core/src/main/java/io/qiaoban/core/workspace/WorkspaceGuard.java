package io.qiaoban.core.workspace;

import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.auth.Caller;
import io.qiaoban.core.auth.CurrentCaller;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.role.Permission;
import io.qiaoban.core.role.Role;
import io.qiaoban.core.user.AppUser;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one place that decides whether the caller may touch a workspace. A caller who is not a member
 * learns nothing, not even that the workspace exists: 404. A member without the permission gets 403.
 */
@ApplicationScoped
public class WorkspaceGuard {
    private final CurrentCaller current;
    private final AgroalDataSource db;

    WorkspaceGuard(CurrentCaller current, AgroalDataSource db) {
        this.current = current;
        this.db = db;
    }

    /** The caller's membership with its role loaded, if it allows the permission. */
    public Membership require(UUID workspaceId, Permission permission) {
        return allowing(member(workspaceId), permission);
    }

    private static Membership allowing(Membership membership, Permission permission) {
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

    /**
     * Something an engine reads in the same statement as the caller's membership, to save a round trip
     * on its busiest requests: its own joins (the membership is {@code m}, its role {@code r}, its user
     * {@code u}) and columns, read back with the membership.
     */
    public interface Joined<T> {
        /** Left joins after the membership's; their parameters are bound by {@link #bind}. */
        String joins();

        /** The columns to select after the membership's. */
        String columns();

        /** Binds the parameters of {@link #joins} from {@code index}; returns the next index. */
        int bind(PreparedStatement ps, int index) throws SQLException;

        /** Reads the columns of {@link #columns}, the first at {@code from}. */
        T read(Membership membership, ResultSet rs, int from) throws SQLException;
    }

    /** The caller's membership and what an engine read with it. */
    public record Guarded<T>(Membership membership, T joined) {
    }

    /** {@link #require(UUID, Permission)}, reading {@code joined} in the same statement. */
    public <T> Guarded<T> require(UUID workspaceId, Permission permission, Joined<T> joined) {
        Guarded<T> guarded = read(workspaceId, joined);
        allowing(guarded.membership(), permission);
        return guarded;
    }

    /**
     * The caller's membership, as a detached snapshot read with one SQL statement: loaded through
     * Hibernate (entities, a JSON snapshot of the permissions, a dirty check at commit) it took more
     * CPU than the rest of a record create (bench, docs/performance.md). Callers only read it.
     */
    public Membership member(UUID workspaceId) {
        return read(workspaceId, null).membership();
    }

    private <T> Guarded<T> read(UUID workspaceId, Joined<T> joined) {
        Caller caller = current.get();
        try {
            return snapshot(workspaceId, caller.id(), joined).orElseThrow(() -> ProblemException.notFound("@thing.workspace"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> Optional<Guarded<T>> snapshot(UUID workspaceId, UUID userId, Joined<T> joined) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select m.id, m.created_at, r.id, r.builtin_key, r.name, r.description,
                       array(select jsonb_array_elements_text(r.permissions)), r.created_at, r.updated_at,
                       u.username, u.display_name, u.platform_admin, u.must_change_password, u.disabled, u.created_at, u.updated_at
                """ + (joined == null ? "" : ", " + joined.columns()) + """

                  from membership m join role r on r.id = m.role_id join app_user u on u.id = m.user_id
                """ + (joined == null ? "" : joined.joins()) + """

                 where m.workspace_id = ? and m.user_id = ?""")) {
            int i = joined == null ? 1 : joined.bind(ps, 1);
            ps.setObject(i, workspaceId);
            ps.setObject(i + 1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Role role = new Role();
                role.id = rs.getObject(3, UUID.class);
                role.workspaceId = workspaceId;
                role.builtinKey = rs.getString(4);
                role.name = rs.getString(5);
                role.description = rs.getString(6);
                role.permissions = new ArrayList<>(List.of((String[]) rs.getArray(7).getArray()));
                role.createdAt = rs.getTimestamp(8).toInstant();
                role.updatedAt = rs.getTimestamp(9).toInstant();
                AppUser user = new AppUser();
                user.id = userId;
                user.username = rs.getString(10);
                user.displayName = rs.getString(11);
                user.platformAdmin = rs.getBoolean(12);
                user.mustChangePassword = rs.getBoolean(13);
                user.disabled = rs.getBoolean(14);
                user.createdAt = rs.getTimestamp(15).toInstant();
                user.updatedAt = rs.getTimestamp(16).toInstant();
                Membership m = new Membership();
                m.id = rs.getObject(1, UUID.class);
                m.workspaceId = workspaceId;
                m.createdAt = rs.getTimestamp(2).toInstant();
                m.role = role;
                m.user = user;
                return Optional.of(new Guarded<>(m, joined == null ? null : joined.read(m, rs, 17)));
            }
        }
    }

    public Caller caller() {
        return current.get();
    }
}
