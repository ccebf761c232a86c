package io.qiaoban.bench;

import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.job.Job;
import io.qiaoban.core.job.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;

/** The benchmark's job: records that it ran, in the job's transaction, so exactly-once can be counted. */
@ApplicationScoped
public class BenchNoopJobHandler implements JobHandler {
    public static final String TYPE = "bench.noop";
    private final AgroalDataSource db;

    BenchNoopJobHandler(AgroalDataSource db) {
        this.db = db;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void handle(Job job) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into bench_job_run (n) values (?)")) {
            ps.setInt(1, job.payload().path("n").asInt());
            ps.executeUpdate();
        }
    }
}
