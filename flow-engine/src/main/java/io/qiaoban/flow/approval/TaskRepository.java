package io.qiaoban.flow.approval;

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

/** Approval tasks and CCs in SQL; every read by id is scoped to a workspace. */
@ApplicationScoped
public class TaskRepository {
    private static final String COLUMNS = "t.id, t.workspace_id, t.instance_id, t.step_id, t.node_id, t.assignee, t.position, "
            + "t.state, t.decision_comment, t.transferred_to, t.created_at, t.decided_at";

    private final AgroalDataSource db;

    TaskRepository(AgroalDataSource db) {
        this.db = db;
    }

    public FlowTask insert(UUID workspaceId, UUID instanceId, long stepId, String nodeId, UUID assignee, int position, String state,
            Instant at) throws SQLException {
        FlowTask task = new FlowTask(UUID.randomUUID(), workspaceId, instanceId, stepId, nodeId, assignee, position, state, null,
                null, at, null);
        update("""
                insert into flow_task (id, workspace_id, instance_id, step_id, node_id, assignee, position, state, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", task.id(), workspaceId, instanceId, stepId, nodeId, assignee, position, state,
                Timestamp.from(at));
        return task;
    }

    public Optional<FlowTask> find(UUID workspaceId, UUID taskId) throws SQLException {
        List<FlowTask> found = list("select " + COLUMNS + " from flow_task t where t.id = ? and t.workspace_id = ?", taskId,
                workspaceId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public List<FlowTask> ofStep(long stepId) throws SQLException {
        return list("select " + COLUMNS + " from flow_task t where t.step_id = ? order by t.position, t.created_at", stepId);
    }

    public List<FlowTask> ofInstance(UUID instanceId) throws SQLException {
        return list("select " + COLUMNS + " from flow_task t where t.instance_id = ? order by t.created_at, t.position", instanceId);
    }

    public void decide(UUID taskId, String state, String comment, UUID transferredTo, Instant at) throws SQLException {
        update("update flow_task set state = ?, decision_comment = ?, transferred_to = ?, decided_at = ? where id = ?", state,
                comment, transferredTo, Timestamp.from(at), taskId);
    }

    /** The next in a sequence: true when it was waiting its turn (and is now pending). */
    public boolean activate(UUID taskId) throws SQLException {
        return update("update flow_task set state = 'pending' where id = ? and state = 'queued'", taskId) == 1;
    }

    public void reminded(UUID taskId, Instant at) throws SQLException {
        update("update flow_task set reminded_at = ? where id = ?", Timestamp.from(at), taskId);
    }

    /** Cancels what is still open of a step (others decided for everyone) or of an instance (it ended). */
    public void cancelOpenOfStep(long stepId, Instant at) throws SQLException {
        update("update flow_task set state = 'cancelled', decided_at = ? where step_id = ? and state in ('pending', 'queued')",
                Timestamp.from(at), stepId);
    }

    public void cancelOpenOfInstance(UUID instanceId, Instant at) throws SQLException {
        update("update flow_task set state = 'cancelled', decided_at = ? where instance_id = ? and state in ('pending', 'queued')",
                Timestamp.from(at), instanceId);
    }

    public void cc(UUID instanceId, UUID userId, String nodeId, Instant at) throws SQLException {
        update("insert into flow_cc (instance_id, user_id, node_id, created_at) values (?, ?, ?, ?) on conflict do nothing",
                instanceId, userId, nodeId, Timestamp.from(at));
    }

    public boolean copied(UUID instanceId, UUID userId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select 1 from flow_cc where instance_id = ? and user_id = ?")) {
            ps.setObject(1, instanceId);
            ps.setObject(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private List<FlowTask> list(String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<FlowTask> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp decided = rs.getTimestamp(12);
                    found.add(new FlowTask(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getLong(4), rs.getString(5), rs.getObject(6, UUID.class), rs.getInt(7), rs.getString(8),
                            rs.getString(9), rs.getObject(10, UUID.class), rs.getTimestamp(11).toInstant(),
                            decided == null ? null : decided.toInstant()));
                }
            }
            return found;
        }
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
