package io.qiaoban.core.notification;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.problem.Messages;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.workspace.Membership;
import io.qiaoban.core.workspace.WorkspaceGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A member's own notices in a workspace: the latest, how many are unread, marking them read. Nobody reads another's. */
@ApplicationScoped
public class NotificationService {
    public static final int LATEST = 50;

    /** A notice as its reader sees it, in their language. */
    public record View(long id, String kind, String title, String body, String link, Instant createdAt, Instant readAt) {
    }

    public record Inbox(long unread, List<View> items) {
    }

    private final WorkspaceGuard guard;
    private final AgroalDataSource db;
    private final ObjectMapper json;
    private final Clock clock;

    NotificationService(WorkspaceGuard guard, AgroalDataSource db, ObjectMapper json, Clock clock) {
        this.guard = guard;
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(rollbackOn = Exception.class)
    public Inbox mine(UUID workspaceId, Locale locale) throws Exception {
        Membership me = guard.member(workspaceId);
        List<View> items = new ArrayList<>();
        long unread;
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    select id, kind, args::text, link, created_at, read_at from notification
                     where user_id = ? and workspace_id = ? order by id desc limit ?""")) {
                ps.setObject(1, me.user.id);
                ps.setObject(2, workspaceId);
                ps.setInt(3, LATEST);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Object[] args = json.readValue(rs.getString(3), new TypeReference<List<String>>() {
                        }).toArray();
                        String kind = rs.getString(2);
                        Timestamp read = rs.getTimestamp(6);
                        items.add(new View(rs.getLong(1), kind, Messages.text(locale, kind + ".title", args),
                                Messages.text(locale, kind + ".body", args), rs.getString(4), rs.getTimestamp(5).toInstant(),
                                read == null ? null : read.toInstant()));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "select count(*) from notification where user_id = ? and workspace_id = ? and read_at is null")) {
                ps.setObject(1, me.user.id);
                ps.setObject(2, workspaceId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    unread = rs.getLong(1);
                }
            }
        }
        return new Inbox(unread, items);
    }

    /** Marks one of the caller's notices read; another's, or none, is not found. */
    @Transactional(rollbackOn = Exception.class)
    public void read(UUID workspaceId, long id) throws SQLException {
        Membership me = guard.member(workspaceId);
        if (update("update notification set read_at = coalesce(read_at, ?) where id = ? and user_id = ? and workspace_id = ?",
                Timestamp.from(clock.instant()), id, me.user.id, workspaceId) == 0) {
            throw ProblemException.notFound("@thing.notification");
        }
    }

    /** Marks all the caller's notices in the workspace read. */
    @Transactional(rollbackOn = Exception.class)
    public void readAll(UUID workspaceId) throws SQLException {
        Membership me = guard.member(workspaceId);
        update("update notification set read_at = ? where user_id = ? and workspace_id = ? and read_at is null",
                Timestamp.from(clock.instant()), me.user.id, workspaceId);
    }

    private int update(String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }
}
