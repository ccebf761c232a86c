package io.qiaoban.core.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;

/**
 * Sends in-app notices, in the caller's transaction: a notice exists exactly when the change that
 * caused it commits. Engines use this; people read theirs through {@link NotificationService}.
 */
@ApplicationScoped
public class Notifications {
    private final AgroalDataSource db;
    private final ObjectMapper json;
    private final Clock clock;

    Notifications(AgroalDataSource db, ObjectMapper json, Clock clock) {
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    /** True when it was sent; false when a notice of the same cause was sent before. */
    public boolean send(Notice notice) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into notification (workspace_id, user_id, kind, args, link, cause, created_at)
                values (?, ?, ?, ?::jsonb, ?, ?, ?) on conflict (cause) do nothing""")) {
            ps.setObject(1, notice.workspaceId());
            ps.setObject(2, notice.userId());
            ps.setString(3, notice.kind());
            ps.setString(4, json.writeValueAsString(notice.args()));
            ps.setString(5, notice.link());
            ps.setString(6, notice.cause());
            ps.setTimestamp(7, Timestamp.from(clock.instant()));
            return ps.executeUpdate() == 1;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not send notice " + notice.kind(), e);
        }
    }
}
