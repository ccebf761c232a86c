package io.qiaoban.core.job;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;

/** A batchable handler: records each execution with its transaction's id; a payload with "fail" fails. */
@ApplicationScoped
public class BatchJobHandler implements JobHandler {
    private final AgroalDataSource db;

    BatchJobHandler(AgroalDataSource db) {
        this.db = db;
    }

    @Override
    public String type() {
        return "test.batch";
    }

    @Override
    public boolean batchable() {
        return true;
    }

    @Override
    public void handle(Job job) throws Exception {
        if (job.payload().path("fail").asBoolean()) {
            throw new IllegalStateException("refused");
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into test_job_run (run, n, tx) values (?, ?, txid_current())")) {
            ps.setString(1, job.payload().path("run").asText());
            ps.setInt(2, job.payload().path("n").asInt());
            ps.executeUpdate();
        }
    }
}
