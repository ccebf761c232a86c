package io.qiaoban.flow.message;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The messages flows sent or held back, one row per idempotency key; opt-outs. */
@ApplicationScoped
public class MessageLog {
    /** A logged message as the monitor and the message list show it. */
    /** A recipient who unsubscribed, and when. */
    public record OptOut(String recipient, Instant at) {
    }

    public record Message(long id, UUID instanceId, String channel, String recipient, String template, String body,
            boolean marketing, String state, Instant createdAt) {
    }

    private final AgroalDataSource db;

    MessageLog(AgroalDataSource db) {
        this.db = db;
    }

    /** Logs a message; empty when this key was logged before (a retried step): nothing is sent twice. */
    public Optional<Long> insert(UUID workspaceId, String key, UUID instanceId, String channel, String recipient, String template,
            String body, boolean marketing, String state, Instant at) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into flow_message (workspace_id, idempotency_key, instance_id, channel, recipient, template, body, marketing,
                                          state, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (idempotency_key) do nothing returning id""")) {
            ps.setObject(1, workspaceId);
            ps.setString(2, key);
            ps.setObject(3, instanceId);
            ps.setString(4, channel);
            ps.setString(5, recipient);
            ps.setString(6, template);
            ps.setString(7, body);
            ps.setBoolean(8, marketing);
            ps.setString(9, state);
            ps.setTimestamp(10, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Marketing messages queued for a recipient since a moment (the frequency cap's window). */
    public int marketingSince(UUID workspaceId, String recipient, Instant since) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select count(*) from flow_message
                 where workspace_id = ? and recipient = ? and marketing and state = 'queued' and created_at >= ?""")) {
            ps.setObject(1, workspaceId);
            ps.setString(2, recipient);
            ps.setTimestamp(3, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public boolean optedOut(UUID workspaceId, String recipient) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select 1 from message_opt_out where workspace_id = ? and recipient = ?")) {
            ps.setObject(1, workspaceId);
            ps.setString(2, recipient);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public void optOut(UUID workspaceId, String recipient, Instant at) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into message_opt_out (workspace_id, recipient, created_at) values (?, ?, ?) on conflict do nothing")) {
            ps.setObject(1, workspaceId);
            ps.setString(2, recipient);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    public boolean optIn(UUID workspaceId, String recipient) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from message_opt_out where workspace_id = ? and recipient = ?")) {
            ps.setObject(1, workspaceId);
            ps.setString(2, recipient);
            return ps.executeUpdate() == 1;
        }
    }

    /** The latest opt-outs of a workspace, optionally those whose recipient contains some text. */
    public List<OptOut> optOuts(UUID workspaceId, String containing, int limit) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select recipient, created_at from message_opt_out
                 where workspace_id = ? and (?::text is null or strpos(recipient, ?::text) > 0)
                 order by created_at desc, recipient limit ?""")) {
            ps.setObject(1, workspaceId);
            ps.setString(2, containing);
            ps.setString(3, containing);
            ps.setInt(4, limit);
            List<OptOut> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new OptOut(rs.getString(1), rs.getTimestamp(2).toInstant()));
                }
            }
            return found;
        }
    }

    /** The latest messages of a workspace, optionally to one recipient. */
    public List<Message> latest(UUID workspaceId, String recipient, int limit) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select id, instance_id, channel, recipient, template, body, marketing, state, created_at from flow_message
                 where workspace_id = ? and (?::varchar is null or recipient = ?) order by id desc limit ?""")) {
            ps.setObject(1, workspaceId);
            ps.setString(2, recipient);
            ps.setString(3, recipient);
            ps.setInt(4, limit);
            return read(ps);
        }
    }

    public List<Message> ofInstance(UUID workspaceId, UUID instanceId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select id, instance_id, channel, recipient, template, body, marketing, state, created_at from flow_message
                 where workspace_id = ? and instance_id = ? order by id""")) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, instanceId);
            return read(ps);
        }
    }

    private static List<Message> read(PreparedStatement ps) throws SQLException {
        List<Message> found = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(new Message(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getString(8), rs.getTimestamp(9).toInstant()));
            }
        }
        return found;
    }
}
