package io.qiaoban.form.form;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.auth.Digests;
import io.qiaoban.core.job.Job;
import io.qiaoban.core.job.JobHandler;
import io.qiaoban.core.job.JobQueue;
import io.qiaoban.core.job.NewJob;
import io.qiaoban.form.query.FieldSql;
import io.qiaoban.form.schema.Storage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Expression indexes for fields a builder marks "indexed": one partial index per form and field,
 * {@code (typed expression, id) where form_id = ... and deleted_at is null}, the same expression the
 * filters and sorts use. Built online ({@code create index concurrently}: records stay writable) by a
 * "form.index" job after the publish commits; a crash mid-build leaves an invalid index, which the
 * retried job drops and builds again.
 */
@ApplicationScoped
public class FieldIndexes implements JobHandler {
    public static final String TYPE = "form.index";
    private static final Logger LOG = Logger.getLogger(FieldIndexes.class);
    private final AgroalDataSource db;
    private final JobQueue jobs;

    FieldIndexes(AgroalDataSource db, JobQueue jobs) {
        this.db = db;
        this.jobs = jobs;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Asks for the index of a field to be built (or dropped) once the caller's transaction commits. */
    public void request(UUID workspaceId, UUID formId, String key, Storage storage, boolean wanted) {
        jobs.enqueue(NewJob.of(TYPE, JsonNodeFactory.instance.objectNode()
                        .put("form", formId.toString()).put("field", key).put("storage", storage.name()).put("wanted", wanted))
                .inWorkspace(workspaceId));
    }

    public static String name(UUID formId, String key) {
        return "record_f" + formId.toString().replace("-", "").substring(0, 16) + "_" + Digests.sha256Hex(key).substring(0, 10);
    }

    @Override
    public void handle(Job job) throws Exception {
        UUID formId = UUID.fromString(job.payload().path("form").asText());
        String key = job.payload().path("field").asText();
        Storage storage = Storage.valueOf(job.payload().path("storage").asText());
        boolean wanted = job.payload().path("wanted").asBoolean();
        // concurrent index builds cannot run inside a transaction: step out of the job's own, which has not
        // touched the database yet
        QuarkusTransaction.suspendingExisting().call(() -> {
            build(formId, key, storage, wanted);
            return null;
        });
    }

    /** Builds (or drops) the index now, outside any transaction; the job handler and bulk loads call it. */
    public void build(UUID formId, String key, Storage storage, boolean wanted) throws SQLException {
        String name = name(formId, key);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            IndexState state = state(c, name);
            if (state == IndexState.BUILDING) {
                return; // another node builds it; when that ends the index is valid
            }
            if (!wanted || state == IndexState.INVALID) {
                s.execute("drop index concurrently if exists " + name);
            }
            if (wanted) {
                long started = System.nanoTime();
                // form id and key are checked values (a UUID, a key of letters and digits), never user text as such
                s.execute("create index concurrently if not exists " + name + " on record ("
                        + FieldSql.expression(key, storage) + ", id) where form_id = '" + formId + "' and deleted_at is null");
                LOG.infof("Index %s on field %s of form %s built in %d ms", name, key, formId,
                        (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    enum IndexState { ABSENT, VALID, INVALID, BUILDING }

    private static IndexState state(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select i.indisvalid,
                       exists (select 1 from pg_stat_progress_create_index p where p.index_relid = i.indexrelid)
                  from pg_class x join pg_index i on i.indexrelid = x.oid where x.relname = ?""")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return IndexState.ABSENT;
                }
                return rs.getBoolean(2) ? IndexState.BUILDING : rs.getBoolean(1) ? IndexState.VALID : IndexState.INVALID;
            }
        }
    }
}
