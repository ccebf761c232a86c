package io.qiaoban.form.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.db.CopyCsv;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes a batch of validated new records with PostgreSQL's COPY, in the caller's transaction: the
 * rows, their claimed unique values and an "imported" history entry each. COPY is what makes a
 * million-row import take seconds rather than minutes; the values are CSV-quoted, never SQL.
 */
@ApplicationScoped
public class RecordCopy {
    private final AgroalDataSource db;

    RecordCopy(AgroalDataSource db) {
        this.db = db;
    }

    /** A record ready to be written, with the unique values (field key -> claimed text) it holds. */
    public record NewRecord(UUID id, ObjectNode data, Map<String, String> uniqueValues) {
    }

    public void write(UUID workspaceId, UUID formId, int formVersion, UUID by, Instant at, List<NewRecord> batch)
            throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        String user = by == null ? "" : by.toString();
        String time = at.toString();
        StringBuilder records = new StringBuilder(batch.size() * 256);
        StringBuilder history = new StringBuilder(batch.size() * 128);
        StringBuilder unique = new StringBuilder();
        for (NewRecord r : batch) {
            records.append(r.id()).append(',').append(workspaceId).append(',').append(formId).append(',').append(formVersion)
                    .append(',');
            CopyCsv.quote(records, r.data().toString());
            records.append(",1,").append(user).append(',').append(time).append(',').append(user).append(',').append(time)
                    .append('\n');
            history.append(r.id()).append(',').append(workspaceId).append(",1,imported,[],").append(user).append(',')
                    .append(time).append('\n');
            for (Map.Entry<String, String> u : r.uniqueValues().entrySet()) {
                unique.append(formId).append(',');
                CopyCsv.quote(unique, u.getKey());
                unique.append(',');
                CopyCsv.quote(unique, u.getValue());
                unique.append(',').append(r.id()).append('\n');
            }
        }
        try (Connection c = db.getConnection()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("""
                    copy record (id, workspace_id, form_id, form_version, data, version, created_by, created_at, updated_by,
                                 updated_at) from stdin with (format csv)""", new StringReader(records.toString()));
            if (!unique.isEmpty()) {
                copy.copyIn("copy record_unique_value (form_id, field, value, record_id) from stdin with (format csv)",
                        new StringReader(unique.toString()));
            }
            copy.copyIn("""
                    copy record_history (record_id, workspace_id, version, kind, changes, changed_by, changed_at)
                    from stdin with (format csv)""", new StringReader(history.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
