package io.qiaoban.flow.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.qiaoban.flow.graph.FlowGoal;
import io.qiaoban.flow.graph.FlowGraph;
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

/** Flows and their published versions in SQL; every statement is scoped to a workspace and app. */
@ApplicationScoped
public class FlowRepository {
    private static final String COLUMNS = "id, workspace_id, app_id, kind, name, description, draft::text, draft_version, "
            + "published_version, published_draft_version, created_at, updated_at";

    /** A published version as listed: its number, who published it and when. */
    public record Version(int version, UUID publishedBy, Instant publishedAt) {
    }

    private final AgroalDataSource db;
    private final ObjectMapper json;

    FlowRepository(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public List<StoredFlow> list(UUID workspaceId, UUID appId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select " + COLUMNS + " from flow where workspace_id = ? and app_id = ? order by created_at, name")) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, appId);
            List<StoredFlow> flows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    flows.add(read(rs));
                }
            }
            return flows;
        }
    }

    public Optional<StoredFlow> find(UUID workspaceId, UUID appId, UUID flowId, boolean forUpdate) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                + " from flow where workspace_id = ? and app_id = ? and id = ?" + (forUpdate ? " for update" : ""))) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, appId);
            ps.setObject(3, flowId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public boolean nameTaken(UUID appId, String name, UUID except) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select 1 from flow where app_id = ? and lower(name) = lower(?) and id <> ?")) {
            ps.setObject(1, appId);
            ps.setString(2, name);
            ps.setObject(3, except == null ? new UUID(0, 0) : except);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public void insert(StoredFlow f, UUID by) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into flow (id, workspace_id, app_id, kind, name, description, draft, draft_version, created_by,
                                  created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)""")) {
            ps.setObject(1, f.id());
            ps.setObject(2, f.workspaceId());
            ps.setObject(3, f.appId());
            ps.setString(4, f.kind().key());
            ps.setString(5, f.name());
            ps.setString(6, f.description());
            ps.setString(7, write(f.draft()));
            ps.setInt(8, f.draftVersion());
            ps.setObject(9, by);
            ps.setTimestamp(10, Timestamp.from(f.createdAt()));
            ps.setTimestamp(11, Timestamp.from(f.updatedAt()));
            ps.executeUpdate();
        }
    }

    public void updateDraft(StoredFlow f) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update flow set name = ?, description = ?, draft = ?::jsonb, draft_version = ?, updated_at = ?
                 where workspace_id = ? and id = ?""")) {
            ps.setString(1, f.name());
            ps.setString(2, f.description());
            ps.setString(3, write(f.draft()));
            ps.setInt(4, f.draftVersion());
            ps.setTimestamp(5, Timestamp.from(f.updatedAt()));
            ps.setObject(6, f.workspaceId());
            ps.setObject(7, f.id());
            ps.executeUpdate();
        }
    }

    /** Stores the draft as the next version and marks it published, in the caller's transaction. */
    public int publish(StoredFlow f, UUID by, Instant at) throws SQLException {
        int version = f.publishedVersion() == null ? 1 : f.publishedVersion() + 1;
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into flow_version (flow_id, version, graph, published_by, published_at) values (?, ?, ?::jsonb, ?, ?)")) {
                ps.setObject(1, f.id());
                ps.setInt(2, version);
                ps.setString(3, write(f.draft()));
                ps.setObject(4, by);
                ps.setTimestamp(5, Timestamp.from(at));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "update flow set published_version = ?, published_draft_version = draft_version, updated_at = ? where id = ?")) {
                ps.setInt(1, version);
                ps.setTimestamp(2, Timestamp.from(at));
                ps.setObject(3, f.id());
                ps.executeUpdate();
            }
        }
        return version;
    }

    public List<Version> versions(UUID flowId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select version, published_by, published_at from flow_version where flow_id = ? order by version desc")) {
            ps.setObject(1, flowId);
            List<Version> versions = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.add(new Version(rs.getInt(1), rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant()));
                }
            }
            return versions;
        }
    }

    public Optional<FlowGraph> version(UUID flowId, int version) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select graph::text from flow_version where flow_id = ? and version = ?")) {
            ps.setObject(1, flowId);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs.getString(1))) : Optional.empty();
            }
        }
    }

    /** The latest published version of a flow: its kind, app, number and graph. */
    public record Published(UUID flowId, UUID workspaceId, UUID appId, FlowKind kind, String name, int version, FlowGraph graph) {
    }

    /** Every flow of the workspace with a published version whose trigger listens to one of the types ("on" or "event"). */
    public List<Published> publishedListeningTo(UUID workspaceId, List<String> triggerKinds) throws SQLException {
        try (Connection c = db.getConnection()) {
            return publishedWhere(c, "f.workspace_id = ? and " + TRIGGER_ON_ANY, workspaceId,
                    c.createArrayOf("varchar", triggerKinds.toArray()));
        }
    }

    /** Every published flow, in every workspace, whose trigger is a schedule: each has its next firing planned at start-up. */
    public List<Published> publishedOnSchedule() throws SQLException {
        try (Connection c = db.getConnection()) {
            return publishedWhere(c, TRIGGER_ON_ANY, c.createArrayOf("varchar", new Object[] {"schedule"}));
        }
    }

    private static final String TRIGGER_ON_ANY = """
            exists (select 1 from jsonb_array_elements(v.graph -> 'nodes') n
                     where n ->> 'type' = 'trigger' and n -> 'config' ->> 'on' = any(?))""";

    private List<Published> publishedWhere(Connection c, String condition, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select f.id, f.workspace_id, f.app_id, f.kind, f.name, v.version, v.graph::text
                  from flow f join flow_version v on v.flow_id = f.id and v.version = f.published_version
                """ + " where " + condition)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Published> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new Published(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            FlowKind.byKey(rs.getString(4)).orElseThrow(), rs.getString(5), rs.getInt(6), read(rs.getString(7))));
                }
            }
            return found;
        }
    }

    /**
     * The goals of a workspace's flows that an event of this type reaches, in any version (instances
     * keep their version's goal).
     */
    public List<FlowGoal> goalsReachedBy(UUID workspaceId, String eventType) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select distinct (v.graph -> 'goal')::text
                  from flow f join flow_version v on v.flow_id = f.id
                 where f.workspace_id = ? and jsonb_typeof(v.graph -> 'goal') = 'object' and v.graph -> 'goal' ->> 'event' = ?""")) {
            ps.setObject(1, workspaceId);
            ps.setString(2, eventType);
            List<FlowGoal> goals = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    goals.add(json.readValue(rs.getString(1), FlowGoal.class));
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A stored flow goal is unreadable", e);
            }
            return goals;
        }
    }

    /** The event types some published flow starts on or some waiting step waits for, across workspaces. */
    public java.util.Set<String> listenedEventTypes() throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select distinct case when n -> 'config' ->> 'on' = 'event' then n -> 'config' ->> 'event'
                                     when n -> 'config' ->> 'on' = 'field.changed' then 'record.updated'
                                     else n -> 'config' ->> 'on' end
                  from flow f join flow_version v on v.flow_id = f.id and v.version = f.published_version,
                       jsonb_array_elements(v.graph -> 'nodes') n
                 where n ->> 'type' = 'trigger'
                union
                select distinct split_part(awaits, '|', 1) from flow_step where state = 'waiting' and awaits is not null
                union
                select distinct graph -> 'goal' ->> 'event' from flow_version where jsonb_typeof(graph -> 'goal') = 'object'""")) {
            java.util.Set<String> types = new java.util.HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1) != null) {
                        types.add(rs.getString(1));
                    }
                }
            }
            return types;
        }
    }

    public Optional<Published> published(UUID workspaceId, UUID appId, UUID flowId) throws SQLException {
        try (Connection c = db.getConnection()) {
            return publishedWhere(c, "f.workspace_id = ? and f.app_id = ? and f.id = ?", workspaceId, appId, flowId).stream()
                    .findFirst();
        }
    }

    public void delete(UUID workspaceId, UUID flowId) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from flow where workspace_id = ? and id = ?")) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, flowId);
            ps.executeUpdate();
        }
    }

    private StoredFlow read(ResultSet rs) throws SQLException {
        return new StoredFlow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                FlowKind.byKey(rs.getString(4)).orElseThrow(), rs.getString(5), rs.getString(6), read(rs.getString(7)),
                rs.getInt(8), rs.getObject(9, Integer.class), rs.getObject(10, Integer.class),
                rs.getTimestamp(11).toInstant(), rs.getTimestamp(12).toInstant());
    }

    private FlowGraph read(String text) {
        try {
            return json.readValue(text, FlowGraph.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored flow graph is unreadable", e);
        }
    }

    private String write(FlowGraph graph) {
        try {
            return json.writeValueAsString(graph);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
