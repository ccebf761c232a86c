package io.qiaoban.flow.approval;

import io.agroal.api.AgroalDataSource;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The caller's approvals in a workspace: to do (tasks waiting for them), done (tasks they decided),
 * started (instances they started) and CC'd (instances they were copied on). Newest first.
 */
@ApplicationScoped
public class Inbox {
    public static final int MAX_ITEMS = 200;

    public enum Box {
        TODO, DONE, STARTED, CC
    }

    /** One line of a box: the task (absent in "started" and "cc"), its instance and flow, and what the instance is about. */
    public record Item(UUID taskId, String taskState, String nodeId, String comment, UUID instanceId, String instanceState,
            UUID appId, UUID flowId, int version, String flowName, UUID startedBy, Instant startedAt, String subjectForm,
            UUID subjectRecord, Instant at, Instant remindedAt) {
    }

    private final WorkspaceGuard guard;
    private final AgroalDataSource db;

    Inbox(WorkspaceGuard guard, AgroalDataSource db) {
        this.guard = guard;
        this.db = db;
    }

    public static Box box(String key) {
        try {
            return Box.valueOf((key == null || key.isBlank() ? "todo" : key).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("box", "unknown-value", key);
        }
    }

    @Transactional(rollbackOn = Exception.class)
    public List<Item> list(UUID workspaceId, Box box, int limit) throws SQLException {
        Membership me = guard.member(workspaceId);
        String instanceColumns = "i.id, i.state, i.app_id, i.flow_id, i.version, f.name, i.started_by, i.started_at, "
                + "i.subject_form, i.subject_record";
        String sql = switch (box) {
            case TODO -> "select t.id, t.state, t.node_id, t.decision_comment, " + instanceColumns + ", t.created_at, t.reminded_at"
                    + " from flow_task t join flow_instance i on i.id = t.instance_id join flow f on f.id = i.flow_id"
                    + " where t.workspace_id = ? and t.assignee = ? and t.state = 'pending' order by t.created_at desc limit ?";
            case DONE -> "select t.id, t.state, t.node_id, t.decision_comment, " + instanceColumns + ", t.decided_at, t.reminded_at"
                    + " from flow_task t join flow_instance i on i.id = t.instance_id join flow f on f.id = i.flow_id"
                    + " where t.workspace_id = ? and t.assignee = ? and t.state in ('approved', 'rejected', 'returned', 'transferred')"
                    + " order by t.decided_at desc limit ?";
            case STARTED -> "select null, null, null, null, " + instanceColumns + ", i.started_at, null"
                    + " from flow_instance i join flow f on f.id = i.flow_id"
                    + " where i.workspace_id = ? and i.started_by = ? order by i.started_at desc limit ?";
            case CC -> "select null, null, c.node_id, null, " + instanceColumns + ", c.created_at, null"
                    + " from flow_cc c join flow_instance i on i.id = c.instance_id join flow f on f.id = i.flow_id"
                    + " where i.workspace_id = ? and c.user_id = ? order by c.created_at desc limit ?";
        };
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, me.user.id);
            ps.setInt(3, Math.max(1, Math.min(limit, MAX_ITEMS)));
            List<Item> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp at = rs.getTimestamp(15);
                    Timestamp reminded = rs.getTimestamp(16);
                    items.add(new Item(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, UUID.class), rs.getString(6), rs.getObject(7, UUID.class), rs.getObject(8, UUID.class),
                            rs.getInt(9), rs.getString(10), rs.getObject(11, UUID.class), rs.getTimestamp(12).toInstant(),
                            rs.getString(13), rs.getObject(14, UUID.class), at == null ? null : at.toInstant(),
                            reminded == null ? null : reminded.toInstant()));
                }
            }
            return items;
        }
    }
}
