package io.qiaoban.flow.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.qiaoban.flow.definition.FlowKind;
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

/** Instances and their steps in SQL. Connections join the caller's transaction. */
@ApplicationScoped
public class InstanceRepository {
    static final String INSTANCE_COLUMNS = "i.id, i.workspace_id, i.app_id, i.flow_id, i.version, i.kind, i.state, i.start_key, "
            + "i.subject_form, i.subject_record, i.customer_key, i.variables::text, i.variants::text, i.error, i.started_by, "
            + "i.started_at, i.ended_at, i.end_node, i.goal_reached_at, i.exit_reason";
    private static final String STEP_COLUMNS = "id, instance_id, node_id, visit, state, came_from, due_at, awaits, awaits_value, "
            + "outcome, detail::text, entered_at, left_at";

    private final AgroalDataSource db;
    private final ObjectMapper json;

    InstanceRepository(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** What reaching a journey's goal means for one instance: the awaited key, the customer, until when it counts. */
    public record GoalWatch(String key, String customer, Instant until) {
    }

    /**
     * Stores a new instance, watching its goal if it has one ({@code goal} null: none); false when one
     * was already started for the same cause (a redelivered event, a double click).
     */
    public boolean insert(FlowInstance i, GoalWatch goal) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into flow_instance (id, workspace_id, app_id, flow_id, version, kind, state, start_key, subject_form,
                                           subject_record, customer_key, variables, variants, started_by, started_at,
                                           goal_key, goal_customer, goal_until)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?)
                on conflict (flow_id, start_key) do nothing""")) {
            ps.setObject(1, i.id());
            ps.setObject(2, i.workspaceId());
            ps.setObject(3, i.appId());
            ps.setObject(4, i.flowId());
            ps.setInt(5, i.version());
            ps.setString(6, i.kind().key());
            ps.setString(7, i.state().key());
            ps.setString(8, i.startKey());
            ps.setString(9, i.subjectForm());
            ps.setObject(10, i.subjectRecord());
            ps.setString(11, i.customerKey());
            ps.setString(12, i.variables().toString());
            ps.setString(13, i.variants().toString());
            ps.setObject(14, i.startedBy());
            ps.setTimestamp(15, Timestamp.from(i.startedAt()));
            ps.setString(16, goal == null ? null : goal.key());
            ps.setString(17, goal == null ? null : goal.customer());
            ps.setTimestamp(18, goal == null ? null : Timestamp.from(goal.until()));
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * The instance, locked until the transaction ends: every change to an instance (a step, a
     * decision, an event) takes this lock first, so joins count and ends cancel without races, on
     * one node or many.
     */
    public Optional<FlowInstance> lock(UUID instanceId) throws SQLException {
        return one("select " + INSTANCE_COLUMNS + " from flow_instance i where i.id = ? for update", instanceId);
    }

    /** An instance locked as by {@link #lock}, with one of its steps (null when it has no such step). */
    public record Locked(FlowInstance instance, FlowStep step) {
    }

    /** {@link #lock} and {@link #step} in one round trip: what a step's job reads first. */
    public Optional<Locked> lockWithStep(UUID instanceId, long stepId) throws SQLException {
        String stepColumns = java.util.Arrays.stream(STEP_COLUMNS.split(", ")).map(c -> "s." + c).collect(java.util.stream.Collectors.joining(", "));
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select " + INSTANCE_COLUMNS + ", "
                + stepColumns + " from flow_instance i left join flow_step s on s.id = ? and s.instance_id = i.id"
                + " where i.id = ? for update of i")) {
            bind(ps, stepId, instanceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                FlowInstance instance = instance(rs);
                int offset = INSTANCE_COLUMNS.split(", ").length;
                return Optional.of(new Locked(instance, rs.getObject(offset + 1) == null ? null : step(rs, offset)));
            }
        }
    }

    public Optional<FlowInstance> find(UUID workspaceId, UUID instanceId) throws SQLException {
        return one("select " + INSTANCE_COLUMNS + " from flow_instance i where i.id = ? and i.workspace_id = ?", instanceId,
                workspaceId);
    }

    public Optional<UUID> instanceOf(UUID workspaceId, String startKey, UUID flowId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select id from flow_instance where workspace_id = ? and flow_id = ? and start_key = ?")) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, flowId);
            ps.setString(3, startKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /** Instances of a flow, newest first, optionally of one state; keyset paged by start time. */
    public List<FlowInstance> list(UUID workspaceId, UUID flowId, InstanceState state, Instant before, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("select " + INSTANCE_COLUMNS
                + " from flow_instance i where i.workspace_id = ? and i.flow_id = ?");
        List<Object> args = new ArrayList<>(List.of(workspaceId, flowId));
        if (state != null) {
            sql.append(" and i.state = ?");
            args.add(state.key());
        }
        if (before != null) {
            sql.append(" and i.started_at < ?");
            args.add(Timestamp.from(before));
        }
        sql.append(" order by i.started_at desc limit ?");
        args.add(limit);
        return many(sql.toString(), args.toArray());
    }

    /**
     * Ends an instance and cancels the steps it still had open (other branches, waits); its variables
     * and variants are saved with it when given (null: unchanged). One statement.
     */
    public void finish(UUID instanceId, InstanceState state, String endNode, String error, String exitReason, Instant at,
            ObjectNode variables, ObjectNode variants) throws SQLException {
        update("""
                with cancelled as (
                    update flow_step set state = 'cancelled', left_at = ?, awaits = null, awaits_value = null
                     where instance_id = ? and state in ('active', 'waiting', 'arrived'))
                update flow_instance set state = ?, end_node = ?, error = ?, exit_reason = ?, ended_at = ?,
                       variables = coalesce(?::jsonb, variables), variants = coalesce(?::jsonb, variants)
                 where id = ?""",
                Timestamp.from(at), instanceId,
                state.key(), endNode, error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error,
                exitReason, Timestamp.from(at), variables == null ? null : variables.toString(),
                variants == null ? null : variants.toString(), instanceId);
    }

    /** An instance whose goal an event reached, and whether it was still running then. */
    public record GoalReached(UUID instanceId, boolean running) {
    }

    /**
     * Marks the goal reached for the customer's instances in the workspace (of the event's app, when it
     * has one: form keys are an app's) that watch this goal key, began before the event happened and
     * still count it then; returns them. Each is counted once.
     */
    public List<GoalReached> reachGoal(UUID workspaceId, UUID appId, String goalKey, String customer, Instant occurredAt,
            Instant now) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update flow_instance set goal_reached_at = ?
                 where goal_key = ? and goal_customer = ? and goal_reached_at is null and workspace_id = ?
                   and (cast(? as uuid) is null or app_id = ?)
                   and started_at < ? and goal_until >= ?
                returning id, state""")) {
            bind(ps, Timestamp.from(now), goalKey, customer, workspaceId, appId, appId, Timestamp.from(occurredAt),
                    Timestamp.from(occurredAt));
            List<GoalReached> reached = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reached.add(new GoalReached(rs.getObject(1, UUID.class), InstanceState.RUNNING.key().equals(rs.getString(2))));
                }
            }
            return reached;
        }
    }

    public void saveVariables(UUID instanceId, ObjectNode variables, ObjectNode variants) throws SQLException {
        update("update flow_instance set variables = ?::jsonb, variants = ?::jsonb where id = ?", variables.toString(),
                variants.toString(), instanceId);
    }

    /** Writes a new step (a token arriving at a node) and returns it. */
    public FlowStep insertStep(UUID instanceId, String nodeId, StepState state, String cameFrom, Instant at) throws SQLException {
        return insertStep(instanceId, nodeId, state, cameFrom, at, null, null);
    }

    /** A step left as a token moves on from it: its state, outcome and detail. */
    public record Leaving(long stepId, StepState state, String outcome, JsonNode detail) {
    }

    /**
     * Writes a new step and returns it; {@code leftAt} set: one already acted on (an end, done as it is
     * reached); {@code leaving} set: the step the token comes from is left in the same statement (one
     * round trip per move, what a burst of timers is made of).
     */
    public FlowStep insertStep(UUID instanceId, String nodeId, StepState state, String cameFrom, Instant at, Instant leftAt,
            Leaving leaving) throws SQLException {
        String insert = """
                insert into flow_step (instance_id, node_id, visit, state, came_from, entered_at, left_at)
                values (?, ?, (select count(*) + 1 from flow_step where instance_id = ? and node_id = ?), ?, ?, ?, ?)
                returning""" + " " + STEP_COLUMNS;
        String sql = leaving == null ? insert : "with left_step as (" + LEAVE + ") " + insert;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 0;
            if (leaving != null) {
                i = bindLeave(ps, leaving.state(), leaving.outcome(), leaving.detail(), at, leaving.stepId());
            }
            ps.setObject(i + 1, instanceId);
            ps.setString(i + 2, nodeId);
            ps.setObject(i + 3, instanceId);
            ps.setString(i + 4, nodeId);
            ps.setString(i + 5, state.key());
            ps.setString(i + 6, cameFrom);
            ps.setTimestamp(i + 7, Timestamp.from(at));
            ps.setTimestamp(i + 8, leftAt == null ? null : Timestamp.from(leftAt));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return step(rs);
            }
        }
    }

    public Optional<FlowStep> step(UUID instanceId, long stepId) throws SQLException {
        List<FlowStep> found = steps("select " + STEP_COLUMNS + " from flow_step where id = ? and instance_id = ?", stepId,
                instanceId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public List<FlowStep> steps(UUID instanceId) throws SQLException {
        return steps("select " + STEP_COLUMNS + " from flow_step where instance_id = ? order by id", instanceId);
    }

    /** Tokens waiting at a join of an instance. */
    public List<FlowStep> arrivals(UUID instanceId, String joinNode) throws SQLException {
        return steps("select " + STEP_COLUMNS + " from flow_step where instance_id = ? and node_id = ? and state = 'arrived' "
                + "order by id", instanceId, joinNode);
    }

    /** A step waiting for an event with the key and value looked for. */
    public record Awaiting(UUID instanceId, long stepId) {
    }

    /** Steps waiting for an event with this key and value since before {@code happenedAt}. */
    public List<Awaiting> awaitingEvent(String awaits, String value, Instant happenedAt, int limit) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select instance_id, id from flow_step where state = 'waiting' and awaits = ? and awaits_value = ?
                   and entered_at < coalesce(?, 'infinity'::timestamptz)
                 order by id limit ?""")) {
            ps.setString(1, awaits);
            ps.setString(2, value);
            ps.setTimestamp(3, happenedAt == null ? null : Timestamp.from(happenedAt));
            ps.setInt(4, limit);
            List<Awaiting> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new Awaiting(rs.getObject(1, UUID.class), rs.getLong(2)));
                }
            }
            return found;
        }
    }

    /** The distinct event keys steps are waiting for that start with "type|form|" (the field part differs). */
    public List<String> awaitedKeys(String prefix) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select distinct awaits from flow_step where state = 'waiting' and awaits like ? escape '\\'")) {
            ps.setString(1, prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            List<String> keys = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
            return keys;
        }
    }

    public void pause(long stepId, StepState state, Instant dueAt, String awaits, String awaitsValue, JsonNode detail)
            throws SQLException {
        update("update flow_step set state = ?, due_at = ?, awaits = ?, awaits_value = ?, detail = ?::jsonb where id = ?",
                state.key(), dueAt == null ? null : Timestamp.from(dueAt), awaits, awaitsValue,
                detail == null ? null : detail.toString(), stepId);
    }

    private static final String LEAVE = "update flow_step set state = ?, outcome = ?, detail = coalesce(?::jsonb, detail), "
            + "left_at = ?, awaits = null, awaits_value = null where id = ?";

    public void leave(long stepId, StepState state, String outcome, JsonNode detail, Instant at) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(LEAVE)) {
            bindLeave(ps, state, outcome, detail, at, stepId);
            ps.executeUpdate();
        }
    }

    /** Binds {@link #LEAVE}'s parameters from the first; returns how many it bound. */
    private static int bindLeave(PreparedStatement ps, StepState state, String outcome, JsonNode detail, Instant at, long stepId)
            throws SQLException {
        ps.setString(1, state.key());
        ps.setString(2, outcome);
        ps.setString(3, detail == null ? null : detail.toString());
        ps.setTimestamp(4, Timestamp.from(at));
        ps.setLong(5, stepId);
        return 5;
    }

    private Optional<FlowInstance> one(String sql, Object... args) throws SQLException {
        List<FlowInstance> found = many(sql, args);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<FlowInstance> many(String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<FlowInstance> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(instance(rs));
                }
            }
            return found;
        }
    }

    FlowInstance instance(ResultSet rs) throws SQLException {
        Timestamp ended = rs.getTimestamp(17);
        Timestamp goalReached = rs.getTimestamp(19);
        return new FlowInstance(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class), rs.getInt(5), FlowKind.byKey(rs.getString(6)).orElseThrow(),
                InstanceState.of(rs.getString(7)), rs.getString(8), rs.getString(9), rs.getObject(10, UUID.class),
                rs.getString(11), (ObjectNode) tree(rs.getString(12)), (ObjectNode) tree(rs.getString(13)), rs.getString(14),
                rs.getObject(15, UUID.class), rs.getTimestamp(16).toInstant(), ended == null ? null : ended.toInstant(),
                rs.getString(18), goalReached == null ? null : goalReached.toInstant(), rs.getString(20));
    }

    private List<FlowStep> steps(String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<FlowStep> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(step(rs));
                }
            }
            return found;
        }
    }

    private FlowStep step(ResultSet rs) throws SQLException {
        return step(rs, 0);
    }

    /** The step whose {@link #STEP_COLUMNS} start after column {@code offset}. */
    private FlowStep step(ResultSet rs, int offset) throws SQLException {
        Timestamp due = rs.getTimestamp(offset + 7);
        Timestamp left = rs.getTimestamp(offset + 13);
        String detail = rs.getString(offset + 11);
        return new FlowStep(rs.getLong(offset + 1), rs.getObject(offset + 2, UUID.class), rs.getString(offset + 3),
                rs.getInt(offset + 4), StepState.of(rs.getString(offset + 5)), rs.getString(offset + 6),
                due == null ? null : due.toInstant(), rs.getString(offset + 8), rs.getString(offset + 9), rs.getString(offset + 10),
                detail == null ? null : tree(detail), rs.getTimestamp(offset + 12).toInstant(), left == null ? null : left.toInstant());
    }

    private int update(String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
