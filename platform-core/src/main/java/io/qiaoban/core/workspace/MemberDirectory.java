package io.qiaoban.core.workspace;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who is who in a workspace, for engines that assign work to people (a flow's approvers by role, a
 * record's member field): members holding roles, and names to show. Only active members count: a
 * disabled user or someone who left is never assigned anything.
 */
@ApplicationScoped
public class MemberDirectory {
    private final AgroalDataSource db;

    MemberDirectory(AgroalDataSource db) {
        this.db = db;
    }

    /**
     * Active members holding one of the roles, each named by its id, its built-in key ("admin") or
     * its name ("财务"), in the order they joined.
     */
    public List<UUID> withRoles(UUID workspaceId, Collection<String> roles) throws SQLException {
        if (roles.isEmpty()) {
            return List.of();
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select m.user_id from membership m join role r on r.id = m.role_id join app_user u on u.id = m.user_id
                 where m.workspace_id = ? and not u.disabled
                   and (r.id::text = any(?) or r.builtin_key = any(?) or lower(r.name) = any(?))
                 order by m.created_at, m.user_id""")) {
            List<String> lower = roles.stream().map(String::toLowerCase).toList();
            Array refs = c.createArrayOf("varchar", roles.toArray());
            ps.setObject(1, workspaceId);
            ps.setArray(2, refs);
            ps.setArray(3, refs);
            ps.setArray(4, c.createArrayOf("varchar", lower.toArray()));
            return ids(ps);
        }
    }

    /** Which of {@code userIds} are active members of the workspace, in the given order. */
    public List<UUID> activeMembers(UUID workspaceId, Collection<UUID> userIds) throws SQLException {
        if (userIds.isEmpty()) {
            return List.of();
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select m.user_id from membership m join app_user u on u.id = m.user_id
                 where m.workspace_id = ? and m.user_id = any(?) and not u.disabled""")) {
            ps.setObject(1, workspaceId);
            ps.setArray(2, c.createArrayOf("uuid", userIds.toArray()));
            List<UUID> found = ids(ps);
            return userIds.stream().distinct().filter(found::contains).toList();
        }
    }

    /** Display names of users by id (members or not: past decisions keep their names). */
    public Map<UUID, String> names(Collection<UUID> userIds) throws SQLException {
        Map<UUID, String> names = new LinkedHashMap<>();
        if (userIds.isEmpty()) {
            return names;
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select id, coalesce(display_name, username) from app_user where id = any(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", userIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getObject(1, UUID.class), rs.getString(2));
                }
            }
        }
        return names;
    }

    private static List<UUID> ids(PreparedStatement ps) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        return ids;
    }
}
