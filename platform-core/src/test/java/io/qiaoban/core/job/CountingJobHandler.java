package io.qiaoban.core.job;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;

/** Records each execution in test_job_run, in the job's transaction. */
@ApplicationScoped
public class CountingJobHandler implements JobHandler {
    private final AgroalDataSource db;

    CountingJobHandler(AgroalDataSource db) {
        this.db = db;
    }

    @Override
    public String type() {
        return "test.count";
    }

    @Override
    public void handle(Job job) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into test_job_run (run, n) values (?, ?)")) {
            ps.setString(1, job.payload().path("run").asText());
            ps.setInt(2, job.payload().path("n").asInt());
            ps.executeUpdate();
        }
    }
}
