package io.qiaoban.form.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.function.Consumer;

/** SQL for imports and their error rows; every read is scoped to a workspace. */
@ApplicationScoped
public class ImportRepository {
    private static final String COLUMNS = """
            id, workspace_id, app_id, form_id, file_id, file_name, format, encoding, columns::text, mapping::text,
            skip_bad_rows, record_events, state, progress, processed_rows, imported_rows, error_rows, failure_code,
            failure_args::text, created_by, created_at, started_at, finished_at""";

    private final AgroalDataSource db;
    private final ObjectMapper json;

    ImportRepository(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public void insert(RecordImport i) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into record_import (id, workspace_id, app_id, form_id, file_id, file_name, format, encoding, columns,
                                           state, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""")) {
            ps.setObject(1, i.id());
            ps.setObject(2, i.workspaceId());
            ps.setObject(3, i.appId());
            ps.setObject(4, i.formId());
            ps.setObject(5, i.fileId());
            ps.setString(6, i.fileName());
            ps.setString(7, i.format());
            ps.setString(8, i.encoding());
            ps.setString(9, i.columns().toString());
            ps.setString(10, i.state());
            ps.setObject(11, i.createdBy());
            ps.setTimestamp(12, Timestamp.from(i.createdAt()));
            ps.executeUpdate();
        }
    }

    public Optional<RecordImport> find(UUID workspaceId, UUID id, boolean forUpdate) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select " + COLUMNS + " from record_import where workspace_id = ? and id = ?" + (forUpdate ? " for update" : ""))) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public List<RecordImport> recent(UUID workspaceId, UUID formId, int limit) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                + " from record_import where workspace_id = ? and form_id = ? order by created_at desc limit ?")) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, formId);
            ps.setInt(3, limit);
            List<RecordImport> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(read(rs));
                }
            }
            return found;
        }
    }

    public void queue(UUID id, JsonNode mapping, ImportOptions options) throws SQLException {
        update("""
                update record_import set state = 'queued', mapping = ?::jsonb, skip_bad_rows = ?, record_events = ?
                 where id = ?""", mapping.toString(), options.skipBadRows(), options.recordEvents(), id);
    }

    /** A (new) run starts from nothing: what an interrupted earlier run counted or reported goes. */
    public void running(UUID id, Instant at) throws SQLException {
        update("delete from record_import_error where import_id = ?", id);
        update("""
                update record_import set state = 'running', progress = 0, processed_rows = 0, imported_rows = 0,
                       error_rows = 0, started_at = ? where id = ?""", Timestamp.from(at), id);
    }

    public void progress(UUID id, int progress, int processed, int imported, int errors) throws SQLException {
        update("update record_import set progress = ?, processed_rows = ?, imported_rows = ?, error_rows = ? where id = ?",
                progress, processed, imported, errors, id);
    }

    public void finish(UUID id, String state, int processed, int imported, int errors, String failureCode,
            List<Object> failureArgs, Instant at) throws SQLException {
        try {
            update("""
                    update record_import set state = ?, progress = 100, processed_rows = ?, imported_rows = ?, error_rows = ?,
                           failure_code = ?, failure_args = ?::jsonb, finished_at = ? where id = ?""",
                    state, processed, imported, errors, failureCode,
                    failureArgs == null ? null : json.writeValueAsString(failureArgs), Timestamp.from(at), id);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void addErrors(UUID importId, List<ImportError> errors) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into record_import_error (import_id, row_number, column_name, field, code, args, value)
                values (?, ?, ?, ?, ?, ?::jsonb, ?)""")) {
            for (ImportError e : errors) {
                ps.setObject(1, importId);
                ps.setInt(2, e.row());
                ps.setString(3, clip(e.column(), 255));
                ps.setString(4, clip(e.field(), 100));
                ps.setString(5, e.code());
                ps.setString(6, json.writeValueAsString(e.args()));
                ps.setString(7, clip(e.value(), 1000));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The errors of an import in row order, streamed to {@code each}. */
    public void errors(UUID importId, int limit, Consumer<ImportError> each) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select row_number, column_name, field, code, args::text, value from record_import_error
                 where import_id = ? order by row_number, id limit ?""")) {
            ps.setObject(1, importId);
            ps.setInt(2, limit);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> args = json.readValue(rs.getString(5), json.getTypeFactory().constructCollectionType(List.class,
                            Object.class));
                    each.accept(new ImportError(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), args,
                            rs.getString(6)));
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void update(String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Boolean b) {
                    ps.setBoolean(i + 1, b);
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            ps.executeUpdate();
        }
    }

    private RecordImport read(ResultSet rs) throws SQLException {
        try {
            return new RecordImport(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                    rs.getObject(4, UUID.class), rs.getObject(5, UUID.class), rs.getString(6), rs.getString(7), rs.getString(8),
                    json.readTree(rs.getString(9)), tree(rs.getString(10)),
                    new ImportOptions(rs.getBoolean(11), rs.getBoolean(12)), rs.getString(13), rs.getInt(14), rs.getInt(15),
                    rs.getInt(16), rs.getInt(17), rs.getString(18), tree(rs.getString(19)), rs.getObject(20, UUID.class),
                    instant(rs.getTimestamp(21)), instant(rs.getTimestamp(22)), instant(rs.getTimestamp(23)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode tree(String text) throws JsonProcessingException {
        return text == null ? null : json.readTree(text);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
