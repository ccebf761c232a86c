package io.qiaoban.form.exports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** SQL for exports; every read is scoped to a workspace. */
@ApplicationScoped
public class ExportRepository {
    private static final String COLUMNS = """
            id, workspace_id, app_id, form_id, format, request::text, state, progress, exported_rows, total_rows, file_id,
            failure_code, created_by, created_at, finished_at""";

    private final AgroalDataSource db;
    private final ObjectMapper json;

    ExportRepository(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public void insert(RecordExport e) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into record_export (id, workspace_id, app_id, form_id, format, request, state, created_by, created_at)
                values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""")) {
            ps.setObject(1, e.id());
            ps.setObject(2, e.workspaceId());
            ps.setObject(3, e.appId());
            ps.setObject(4, e.formId());
            ps.setString(5, e.format());
            ps.setString(6, e.request().toString());
            ps.setString(7, e.state());
            ps.setObject(8, e.createdBy());
            ps.setTimestamp(9, Timestamp.from(e.createdAt()));
            ps.executeUpdate();
        }
    }

    public Optional<RecordExport> find(UUID workspaceId, UUID id) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from record_export where workspace_id = ? and id = ?")) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp finished = rs.getTimestamp(15);
                long total = rs.getLong(10);
                Long totalRows = rs.wasNull() ? null : total;
                return Optional.of(new RecordExport(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getString(5), json.readTree(rs.getString(6)),
                        rs.getString(7), rs.getInt(8), rs.getInt(9), totalRows, rs.getObject(11, UUID.class), rs.getString(12),
                        rs.getObject(13, UUID.class), rs.getTimestamp(14).toInstant(), finished == null ? null : finished.toInstant()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public void running(UUID id, Long totalRows) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update record_export set state = 'running', progress = 0, exported_rows = 0, total_rows = ? where id = ?")) {
            ps.setObject(1, totalRows);
            ps.setObject(2, id);
            ps.executeUpdate();
        }
    }

    public void progress(UUID id, int progress, int exported) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("update record_export set progress = ?, exported_rows = ? where id = ?")) {
            ps.setInt(1, progress);
            ps.setInt(2, exported);
            ps.setObject(3, id);
            ps.executeUpdate();
        }
    }

    public void finish(UUID id, String state, int exported, UUID fileId, String failureCode, Instant at) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update record_export set state = ?, progress = 100, exported_rows = ?, file_id = ?, failure_code = ?, finished_at = ?
                 where id = ?""")) {
            ps.setString(1, state);
            ps.setInt(2, exported);
            ps.setObject(3, fileId);
            ps.setString(4, failureCode);
            ps.setTimestamp(5, Timestamp.from(at));
            ps.setObject(6, id);
            ps.executeUpdate();
        }
    }
}
