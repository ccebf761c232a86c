package io.qiaoban.rule.rule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for rules, their published versions and their run log; every query is scoped to a workspace. */
@ApplicationScoped
public class RuleRepository {
    private static final String RULE_COLUMNS =
            "id, workspace_id, app_id, draft::text, draft_version, published_version, enabled, updated_at";

    private final AgroalDataSource db;
    private final ObjectMapper json;

    RuleRepository(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public void insert(StoredRule rule, UUID by, Instant at) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into rule (id, workspace_id, app_id, name, draft, draft_version, priority, created_by, created_at,
                                  updated_by, updated_at)
                values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, rule.id());
            ps.setObject(2, rule.workspaceId());
            ps.setObject(3, rule.appId());
            ps.setString(4, rule.draft().name());
            ps.setString(5, write(rule.draft()));
            ps.setInt(6, rule.draftVersion());
            ps.setInt(7, rule.draft().priority());
            ps.setObject(8, by);
            ps.setTimestamp(9, Timestamp.from(at));
            ps.setObject(10, by);
            ps.setTimestamp(11, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    /** Saves a new draft if the stored one is still {@code expectedVersion}; false when someone saved in between. */
    public boolean updateDraft(UUID workspaceId, UUID ruleId, int expectedVersion, RuleDefinition draft, UUID by, Instant at)
            throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update rule set name = ?, draft = ?::jsonb, draft_version = draft_version + 1, updated_by = ?, updated_at = ?
                where workspace_id = ? and id = ? and draft_version = ?""")) {
            ps.setString(1, draft.name());
            ps.setString(2, write(draft));
            ps.setObject(3, by);
            ps.setTimestamp(4, Timestamp.from(at));
            ps.setObject(5, workspaceId);
            ps.setObject(6, ruleId);
            ps.setInt(7, expectedVersion);
            return ps.executeUpdate() == 1;
        }
    }

    public void publish(StoredRule rule, UUID by, Instant at) throws SQLException {
        RuleDefinition d = rule.draft();
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into rule_version (rule_id, version, definition, published_by, published_at)
                    values (?, ?, ?::jsonb, ?, ?) on conflict do nothing""")) {
                ps.setObject(1, rule.id());
                ps.setInt(2, rule.draftVersion());
                ps.setString(3, write(d));
                ps.setObject(4, by);
                ps.setTimestamp(5, Timestamp.from(at));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    update rule set published_version = ?, trigger_type = ?, event_type = ?, priority = ?, updated_at = ?
                    where workspace_id = ? and id = ?""")) {
                ps.setInt(1, rule.draftVersion());
                ps.setString(2, d.trigger().type());
                ps.setString(3, d.trigger().listensTo());
                ps.setInt(4, d.priority());
                ps.setTimestamp(5, Timestamp.from(at));
                ps.setObject(6, rule.workspaceId());
                ps.setObject(7, rule.id());
                ps.executeUpdate();
            }
        }
    }

    public void setEnabled(UUID workspaceId, UUID ruleId, boolean enabled, Instant at) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update rule set enabled = ?, updated_at = ? where workspace_id = ? and id = ?")) {
            ps.setBoolean(1, enabled);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setObject(3, workspaceId);
            ps.setObject(4, ruleId);
            ps.executeUpdate();
        }
    }

    public boolean delete(UUID workspaceId, UUID appId, UUID ruleId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from rule where workspace_id = ? and app_id = ? and id = ?")) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, appId);
            ps.setObject(3, ruleId);
            return ps.executeUpdate() == 1;
        }
    }

    public Optional<StoredRule> find(UUID workspaceId, UUID appId, UUID ruleId, boolean lock) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select " + RULE_COLUMNS
                + " from rule where workspace_id = ? and app_id = ? and id = ?" + (lock ? " for update" : ""))) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, appId);
            ps.setObject(3, ruleId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rule(rs)) : Optional.empty();
            }
        }
    }

    public List<StoredRule> list(UUID workspaceId, UUID appId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select " + RULE_COLUMNS
                + " from rule where workspace_id = ? and app_id = ? order by priority, lower(name)")) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, appId);
            return rules(ps);
        }
    }

    /** A published, enabled rule to run: its id, app and the definition of its published version. */
    public record Runnable(UUID id, UUID workspaceId, UUID appId, int version, RuleDefinition definition) {
    }

    /** Enabled rules of a workspace listening to an event type, by priority. */
    public List<Runnable> listeningTo(UUID workspaceId, String eventType) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select r.id, r.workspace_id, r.app_id, v.version, v.definition::text from rule r
                join rule_version v on v.rule_id = r.id and v.version = r.published_version
                where r.workspace_id = ? and r.event_type = ? and r.enabled
                order by r.priority, r.id""")) {
            ps.setObject(1, workspaceId);
            ps.setString(2, eventType);
            return runnables(ps);
        }
    }

    public Optional<Runnable> published(UUID workspaceId, UUID ruleId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select r.id, r.workspace_id, r.app_id, v.version, v.definition::text from rule r
                join rule_version v on v.rule_id = r.id and v.version = r.published_version
                where r.workspace_id = ? and r.id = ? and r.enabled""")) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, ruleId);
            List<Runnable> found = runnables(ps);
            return found.stream().findFirst();
        }
    }

    public record Version(int version, Instant publishedAt, UUID publishedBy, RuleDefinition definition) {
    }

    public List<Version> versions(UUID workspaceId, UUID ruleId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select v.version, v.published_at, v.published_by, v.definition::text from rule_version v
                join rule r on r.id = v.rule_id where r.workspace_id = ? and v.rule_id = ? order by v.version desc""")) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, ruleId);
            List<Version> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Version(rs.getInt(1), rs.getTimestamp(2).toInstant(), (UUID) rs.getObject(3),
                            read(rs.getString(4), RuleDefinition.class)));
                }
            }
            return out;
        }
    }

    public void insertRun(UUID workspaceId, UUID appId, RuleRun run) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into rule_run (id, workspace_id, app_id, rule_id, rule_name, rule_version, trigger_type, event_type,
                    event_id, condition_result, outcome, actions, error, duration_ms, started_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""")) {
            ps.setObject(1, run.id());
            ps.setObject(2, workspaceId);
            ps.setObject(3, appId);
            ps.setObject(4, run.ruleId());
            ps.setString(5, run.ruleName());
            ps.setInt(6, run.ruleVersion());
            ps.setString(7, run.triggerType());
            ps.setString(8, run.eventType());
            if (run.eventId() == null) {
                ps.setNull(9, Types.BIGINT);
            } else {
                ps.setLong(9, run.eventId());
            }
            if (run.conditionResult() == null) {
                ps.setNull(10, Types.BOOLEAN);
            } else {
                ps.setBoolean(10, run.conditionResult());
            }
            ps.setString(11, run.outcome());
            ps.setString(12, write(run.actions()));
            ps.setString(13, run.error());
            ps.setInt(14, run.durationMs() == null ? 0 : run.durationMs());
            ps.setTimestamp(15, Timestamp.from(run.startedAt()));
            ps.executeUpdate();
        }
    }

    /** A page of the run log, newest first; {@code before} is the cursor of the last row seen. */
    public List<RuleRun> runs(UUID workspaceId, UUID appId, UUID ruleId, String outcome, RunCursor before, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("""
                select id, rule_id, rule_name, rule_version, trigger_type, event_type, event_id, condition_result, outcome,
                       actions::text, duration_ms, error, started_at
                from rule_run where workspace_id = ? and app_id = ?""");
        List<Object> args = new ArrayList<>(List.of(workspaceId, appId));
        if (ruleId != null) {
            sql.append(" and rule_id = ?");
            args.add(ruleId);
        }
        if (outcome != null) {
            sql.append(" and outcome = ?");
            args.add(outcome);
        }
        if (before != null) {
            sql.append(" and (started_at, id) < (?, ?)");
            args.add(Timestamp.from(before.startedAt()));
            args.add(before.id());
        }
        sql.append(" order by started_at desc, id desc limit ?");
        args.add(limit);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<RuleRun> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long eventId = rs.getLong(7);
                    Long event = rs.wasNull() ? null : eventId;
                    boolean cond = rs.getBoolean(8);
                    Boolean condition = rs.wasNull() ? null : cond;
                    out.add(new RuleRun((UUID) rs.getObject(1), (UUID) rs.getObject(2), rs.getString(3), rs.getInt(4),
                            rs.getString(5), rs.getString(6), event, condition, rs.getString(9),
                            read(rs.getString(10), new TypeReference<List<RuleRun.ActionOutcome>>() {
                            }), rs.getInt(11), rs.getString(12), rs.getTimestamp(13).toInstant()));
                }
            }
            return out;
        }
    }

    /** The latest run of a rule: what the rule list shows. */
    public record LastRun(String outcome, Instant startedAt) {
    }

    public java.util.Map<UUID, LastRun> lastRuns(UUID workspaceId, UUID appId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select distinct on (rule_id) rule_id, outcome, started_at from rule_run
                where workspace_id = ? and app_id = ? order by rule_id, started_at desc""")) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, appId);
            java.util.Map<UUID, LastRun> out = new java.util.HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put((UUID) rs.getObject(1), new LastRun(rs.getString(2), rs.getTimestamp(3).toInstant()));
                }
            }
            return out;
        }
    }

    /** Position in the run log: the last row's start time and id. */
    public record RunCursor(Instant startedAt, UUID id) {
    }

    private List<StoredRule> rules(PreparedStatement ps) throws SQLException {
        List<StoredRule> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rule(rs));
            }
        }
        return out;
    }

    private StoredRule rule(ResultSet rs) throws SQLException {
        int published = rs.getInt(6);
        Integer publishedVersion = rs.wasNull() ? null : published;
        return new StoredRule((UUID) rs.getObject(1), (UUID) rs.getObject(2), (UUID) rs.getObject(3),
                read(rs.getString(4), RuleDefinition.class), rs.getInt(5), publishedVersion, rs.getBoolean(7),
                rs.getTimestamp(8).toInstant());
    }

    private List<Runnable> runnables(PreparedStatement ps) throws SQLException {
        List<Runnable> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Runnable((UUID) rs.getObject(1), (UUID) rs.getObject(2), (UUID) rs.getObject(3), rs.getInt(4),
                        read(rs.getString(5), RuleDefinition.class)));
            }
        }
        return out;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
