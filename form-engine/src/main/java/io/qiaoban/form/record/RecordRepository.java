package io.qiaoban.form.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** SQL for records, their history, unique values, serial counters and idempotency keys; scoped to a workspace. */
@ApplicationScoped
public class RecordRepository {
    public static final String COLUMNS = "id, workspace_id, form_id, form_version, data::text, version, created_by, created_at, "
            + "updated_by, updated_at, deleted_at";

    private final AgroalDataSource db;
    private final ObjectMapper json;

    RecordRepository(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** A new record and its "created" history entry, in one statement: one round trip less per create. */
    public void insert(StoredRecord r, JsonNode changes) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                with created as (
                    insert into record (id, workspace_id, form_id, form_version, data, version, created_by, created_at,
                                        updated_by, updated_at)
                    values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
                    returning id, workspace_id, version, created_by, created_at)
                insert into record_history (record_id, workspace_id, version, kind, changes, changed_by, changed_at)
                select id, workspace_id, version, 'created', ?::jsonb, created_by, created_at from created""")) {
            ps.setObject(1, r.id());
            ps.setObject(2, r.workspaceId());
            ps.setObject(3, r.formId());
            ps.setInt(4, r.formVersion());
            ps.setString(5, r.data().toString());
            ps.setLong(6, r.version());
            ps.setObject(7, r.createdBy());
            ps.setTimestamp(8, Timestamp.from(r.createdAt()));
            ps.setObject(9, r.updatedBy());
            ps.setTimestamp(10, Timestamp.from(r.updatedAt()));
            ps.setString(11, changes.toString());
            ps.executeUpdate();
        }
    }

    public Optional<StoredRecord> find(UUID workspaceId, UUID formId, UUID id, boolean forUpdate) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                + " from record where workspace_id = ? and form_id = ? and id = ?" + (forUpdate ? " for update" : ""))) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, formId);
            ps.setObject(3, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Writes new data if the record is still at {@code expectedVersion}; false when someone wrote first. */
    public boolean update(UUID workspaceId, UUID id, long expectedVersion, ObjectNode data, int formVersion, UUID by,
            Instant at) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update record set data = ?::jsonb, form_version = ?, version = version + 1, updated_by = ?, updated_at = ?
                 where workspace_id = ? and id = ? and version = ?""")) {
            ps.setString(1, data.toString());
            ps.setInt(2, formVersion);
            ps.setObject(3, by);
            ps.setTimestamp(4, Timestamp.from(at));
            ps.setObject(5, workspaceId);
            ps.setObject(6, id);
            ps.setLong(7, expectedVersion);
            return ps.executeUpdate() == 1;
        }
    }

    public boolean setDeleted(UUID workspaceId, UUID id, long expectedVersion, Instant deletedAt, UUID by, Instant at)
            throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update record set deleted_at = ?, version = version + 1, updated_by = ?, updated_at = ?
                 where workspace_id = ? and id = ? and version = ?""")) {
            ps.setTimestamp(1, deletedAt == null ? null : Timestamp.from(deletedAt));
            ps.setObject(2, by);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setObject(4, workspaceId);
            ps.setObject(5, id);
            ps.setLong(6, expectedVersion);
            return ps.executeUpdate() == 1;
        }
    }

    public void addHistory(StoredRecord r, String kind, JsonNode changes, UUID by, Instant at) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into record_history (record_id, workspace_id, version, kind, changes, changed_by, changed_at)
                values (?, ?, ?, ?, ?::jsonb, ?, ?)""")) {
            ps.setObject(1, r.id());
            ps.setObject(2, r.workspaceId());
            ps.setLong(3, r.version());
            ps.setString(4, kind);
            ps.setString(5, changes.toString());
            ps.setObject(6, by);
            ps.setTimestamp(7, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    public List<HistoryEntry> history(UUID workspaceId, UUID recordId, int limit) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select h.id, h.kind, h.version, h.changes::text, h.changed_by, coalesce(u.display_name, u.username), h.changed_at
                  from record_history h left join app_user u on u.id = h.changed_by
                 where h.workspace_id = ? and h.record_id = ? order by h.id desc limit ?""")) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, recordId);
            ps.setInt(3, limit);
            List<HistoryEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new HistoryEntry(rs.getLong(1), rs.getString(2), rs.getLong(3), json.readTree(rs.getString(4)),
                            rs.getObject(5, UUID.class), rs.getString(6), rs.getTimestamp(7).toInstant()));
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return entries;
        }
    }

    /**
     * Claims the unique values of a record (replacing what it held for those fields). Returns the
     * first field whose value another live record holds, or empty when all are claimed. A concurrent
     * claim of the same value waits for the other transaction and then sees it: the database decides.
     */
    public Optional<String> claimUniqueValues(UUID formId, UUID recordId, Map<String, String> values) throws SQLException {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("delete from record_unique_value where record_id = ?")) {
                ps.setObject(1, recordId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into record_unique_value (form_id, field, value, record_id) values (?, ?, ?, ?) on conflict do nothing")) {
                for (Map.Entry<String, String> e : values.entrySet()) {
                    ps.setObject(1, formId);
                    ps.setString(2, e.getKey());
                    ps.setString(3, e.getValue());
                    ps.setObject(4, recordId);
                    if (ps.executeUpdate() == 0) {
                        return Optional.of(e.getKey());
                    }
                }
            }
        }
        return Optional.empty();
    }

    public void releaseUniqueValues(UUID recordId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from record_unique_value where record_id = ?")) {
            ps.setObject(1, recordId);
            ps.executeUpdate();
        }
    }

    /**
     * The next number of a serial field for a period. The counter row stays locked until the record's
     * transaction ends, and a rollback gives the number back: numbers are gap-free and never repeat.
     */
    public long nextSerial(UUID formId, String field, String period) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into form_serial (form_id, field, period, last_value) values (?, ?, ?, 1)
                on conflict (form_id, field, period) do update set last_value = form_serial.last_value + 1
                returning last_value""")) {
            ps.setObject(1, formId);
            ps.setString(2, field);
            ps.setString(3, period);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Reserves an idempotency key for a record about to be created. Returns empty when this request
     * owns the key, or the record an earlier request created with it (waiting for that request's
     * transaction if it is still running).
     */
    public Optional<UUID> reserveIdempotencyKey(UUID formId, String key, UUID recordId, Instant at) throws SQLException {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into record_idempotency (form_id, key, record_id, created_at) values (?, ?, ?, ?) on conflict do nothing")) {
                ps.setObject(1, formId);
                ps.setString(2, key);
                ps.setObject(3, recordId);
                ps.setTimestamp(4, Timestamp.from(at));
                if (ps.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select record_id from record_idempotency where form_id = ? and key = ?")) {
                ps.setObject(1, formId);
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Optional.of(rs.getObject(1, UUID.class));
                }
            }
        }
    }

    /** Which of these users are members of the workspace. */
    public Set<UUID> members(UUID workspaceId, Collection<UUID> userIds) throws SQLException {
        return ids("select user_id from membership where workspace_id = ? and user_id = any (?)", workspaceId, userIds);
    }

    /** Which of these ids are departments of the workspace. */
    public Set<UUID> departments(UUID workspaceId, Collection<UUID> departmentIds) throws SQLException {
        return ids("select id from department where workspace_id = ? and id = any (?)", workspaceId, departmentIds);
    }

    private Set<UUID> ids(String sql, UUID workspaceId, Collection<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return Set.of();
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, workspaceId);
            Array array = c.createArrayOf("uuid", ids.toArray());
            ps.setArray(2, array);
            return collect(ps);
        }
    }

    private static Set<UUID> collect(PreparedStatement ps) throws SQLException {
        Set<UUID> found = new HashSet<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(rs.getObject(1, UUID.class));
            }
        }
        return found;
    }

    /** A row of {@link #COLUMNS} (in that order, first) as a record. */
    public StoredRecord read(ResultSet rs) throws SQLException {
        try {
            Timestamp deleted = rs.getTimestamp(11);
            return new StoredRecord(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                    rs.getInt(4), (ObjectNode) json.readTree(rs.getString(5)), rs.getLong(6), rs.getObject(7, UUID.class),
                    rs.getTimestamp(8).toInstant(), rs.getObject(9, UUID.class), rs.getTimestamp(10).toInstant(),
                    deleted == null ? null : deleted.toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored record is unreadable", e);
        }
    }
}
