package io.qiaoban.bench;

import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.job.JobWorker;
import io.qiaoban.core.job.JobWorkers;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N jobs due at once, drained by two independent workers (two pools, as two nodes would), each job
 * recording its run in its own transaction. Reference in the same run: a plain SKIP LOCKED loop over
 * a bare table with the same two pools and batch size, recording runs the same way, without retries,
 * leases, backoff or handler lookup.
 */
@ApplicationScoped
public class JobQueueBenchmark {
    static final int THREADS_PER_WORKER = 4;
    static final int BATCH = 100;

    public record Result(int jobs, double seconds, long executed, long distinct, double referenceSeconds,
            long referenceExecuted, long referenceDistinct) {
        public boolean exactlyOnce() {
            return executed == jobs && distinct == jobs;
        }

        public boolean referenceExactlyOnce() {
            return referenceExecuted == jobs && referenceDistinct == jobs;
        }

        public String report() {
            return String.format("""
                    job queue: %,d jobs due at once, 2 workers x %d threads, batch %d
                      qiaoban job queue : %6.2f s  %,9.0f jobs/s  executed %,d, distinct %,d -> %s
                      plain SKIP LOCKED : %6.2f s  %,9.0f jobs/s  executed %,d, distinct %,d -> %s
                      ratio qiaoban/plain throughput: %.2f""",
                    jobs, THREADS_PER_WORKER, BATCH, seconds, jobs / seconds, executed, distinct,
                    exactlyOnce() ? "each exactly once" : "NOT exactly once",
                    referenceSeconds, jobs / referenceSeconds, referenceExecuted, referenceDistinct,
                    referenceExactlyOnce() ? "each exactly once" : "NOT exactly once",
                    referenceSeconds / seconds);
        }
    }

    private final AgroalDataSource db;
    private final JobWorkers workers;

    JobQueueBenchmark(AgroalDataSource db, JobWorkers workers) {
        this.db = db;
        this.workers = workers;
    }

    public Result run(int jobs) throws Exception {
        prepare(jobs);
        double seconds = drainWithQueue(jobs);
        long[] counts = counts("bench_job_run");
        double referenceSeconds = drainReference();
        long[] referenceCounts = counts("bench_ref_run");
        return new Result(jobs, seconds, counts[0], counts[1], referenceSeconds, referenceCounts[0], referenceCounts[1]);
    }

    private void prepare(int jobs) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table if not exists bench_job_run (n int not null)");
            s.execute("create table if not exists bench_ref_job (id bigserial primary key, n int not null)");
            s.execute("create table if not exists bench_ref_run (n int not null)");
            s.execute("truncate bench_job_run, bench_ref_job, bench_ref_run");
            s.execute("delete from job where type = '" + BenchNoopJobHandler.TYPE + "'");
            s.execute("insert into job (type, payload, state, run_at, max_attempts, created_at, updated_at) "
                    + "select '" + BenchNoopJobHandler.TYPE + "', jsonb_build_object('n', g), 'READY', now(), 8, now(), now() "
                    + "from generate_series(1, " + jobs + ") g");
            s.execute("insert into bench_ref_job (n) select g from generate_series(1, " + jobs + ") g");
            s.execute("analyze job");
            s.execute("analyze bench_ref_job");
        }
    }

    private double drainWithQueue(int jobs) throws Exception {
        JobWorker.Settings settings = new JobWorker.Settings(THREADS_PER_WORKER, BATCH, Duration.ofMinutes(5),
                Duration.ofMillis(20), workers.settings().backoff());
        JobWorker first = workers.newWorker("bench-a", settings);
        JobWorker second = workers.newWorker("bench-b", settings);
        long start = System.nanoTime();
        first.start();
        second.start();
        try {
            while (first.executed() + second.executed() < jobs && remaining() > 0) {
                Thread.sleep(10);
            }
        } finally {
            first.stop();
            second.stop();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The reference: claim a batch with SKIP LOCKED, delete it, record it, commit. */
    private double drainReference() throws Exception {
        List<Thread> threads = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        for (int i = 0; i < 2 * THREADS_PER_WORKER; i++) {
            Thread t = new Thread(() -> {
                try (Connection c = db.getConnection()) {
                    c.setAutoCommit(false);
                    while (true) {
                        List<Integer> claimed = new ArrayList<>();
                        try (PreparedStatement claim = c.prepareStatement("""
                                delete from bench_ref_job where id in (
                                    select id from bench_ref_job order by id limit ? for update skip locked) returning n""")) {
                            claim.setInt(1, BATCH);
                            try (ResultSet rs = claim.executeQuery()) {
                                while (rs.next()) {
                                    claimed.add(rs.getInt(1));
                                }
                            }
                        }
                        if (claimed.isEmpty()) {
                            c.commit();
                            return;
                        }
                        // one transaction per job, like the queue, for a fair comparison of the per-job cost
                        c.commit();
                        for (int n : claimed) {
                            try (PreparedStatement run = c.prepareStatement("insert into bench_ref_run (n) values (?)")) {
                                run.setInt(1, n);
                                run.executeUpdate();
                            }
                            c.commit();
                        }
                    }
                } catch (SQLException e) {
                    failures.incrementAndGet();
                    e.printStackTrace();
                }
            }, "reference-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failures.get() > 0) {
            throw new IllegalStateException("the reference loop failed");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private long remaining() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from job where type = '" + BenchNoopJobHandler.TYPE + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long[] counts(String table) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*), count(distinct n) from " + table)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }
}
