package io.qiaoban.form.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** SQL for saved views; scoped to a workspace and a form. */
@ApplicationScoped
public class ViewRepository {
    private static final String COLUMNS = "id, workspace_id, form_id, owner_id, name, kind, config::text, position, version, updated_at";
    private final AgroalDataSource db;
    private final ObjectMapper json;

    ViewRepository(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The shared views of the form and the user's own, in their order. */
    public List<FormView> visible(UUID workspaceId, UUID formId, UUID userId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                + " from form_view where workspace_id = ? and form_id = ? and (owner_id is null or owner_id = ?)"
                + " order by owner_id nulls first, position, created_at")) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, formId);
            ps.setObject(3, userId);
            List<FormView> views = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    views.add(read(rs));
                }
            }
            return views;
        }
    }

    public Optional<FormView> find(UUID workspaceId, UUID formId, UUID id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select " + COLUMNS + " from form_view where workspace_id = ? and form_id = ? and id = ?")) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, formId);
            ps.setObject(3, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public void insert(FormView v, UUID by, Instant at) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into form_view (id, workspace_id, form_id, owner_id, name, kind, config, position, version, created_by,
                                       created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, 1, ?, ?, ?)""")) {
            ps.setObject(1, v.id());
            ps.setObject(2, v.workspaceId());
            ps.setObject(3, v.formId());
            ps.setObject(4, v.ownerId());
            ps.setString(5, v.name());
            ps.setString(6, v.kind());
            ps.setString(7, v.config().toString());
            ps.setInt(8, v.position());
            ps.setObject(9, by);
            ps.setTimestamp(10, Timestamp.from(at));
            ps.setTimestamp(11, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    /** False when the view changed since {@code expectedVersion}. */
    public boolean update(FormView v, int expectedVersion, Instant at) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update form_view set name = ?, config = ?::jsonb, position = ?, owner_id = ?, version = version + 1, updated_at = ?
                 where workspace_id = ? and id = ? and version = ?""")) {
            ps.setString(1, v.name());
            ps.setString(2, v.config().toString());
            ps.setInt(3, v.position());
            ps.setObject(4, v.ownerId());
            ps.setTimestamp(5, Timestamp.from(at));
            ps.setObject(6, v.workspaceId());
            ps.setObject(7, v.id());
            ps.setInt(8, expectedVersion);
            return ps.executeUpdate() == 1;
        }
    }

    public void delete(UUID workspaceId, UUID id) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from form_view where workspace_id = ? and id = ?")) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, id);
            ps.executeUpdate();
        }
    }

    private FormView read(ResultSet rs) throws SQLException {
        try {
            return new FormView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                    rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), (ObjectNode) json.readTree(rs.getString(7)),
                    rs.getInt(8), rs.getInt(9), rs.getTimestamp(10).toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
