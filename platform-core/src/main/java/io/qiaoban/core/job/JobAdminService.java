package io.qiaoban.core.job;

import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.audit.AuditService;
import io.qiaoban.core.auth.CurrentCaller;
import io.qiaoban.core.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What platform admins see of the queue: counts per state, the dead letters, retry and discard. */
@ApplicationScoped
public class JobAdminService {
    public record JobView(long id, String type, String state, int attempts, int maxAttempts, Instant runAt,
            String lastError, Instant createdAt, Instant updatedAt, UUID workspaceId) {
    }

    public record Stats(long ready, long running, long dead) {
    }

    private final AgroalDataSource db;
    private final JobStore store;
    private final CurrentCaller current;
    private final AuditService audit;
    private final Clock clock;

    JobAdminService(AgroalDataSource db, JobStore store, CurrentCaller current, AuditService audit, Clock clock) {
        this.db = db;
        this.store = store;
        this.current = current;
        this.audit = audit;
        this.clock = clock;
    }

    public Stats stats() {
        requireAdmin();
        long ready = 0;
        long running = 0;
        long dead = 0;
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select state, count(*) from job group by state");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                switch (rs.getString(1)) {
                    case "READY" -> ready = rs.getLong(2);
                    case "RUNNING" -> running = rs.getLong(2);
                    default -> dead = rs.getLong(2);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Stats(ready, running, dead);
    }

    public List<JobView> list(JobState state, int page, int size) {
        requireAdmin();
        List<JobView> jobs = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select id, type, state, attempts, max_attempts, run_at, last_error, created_at, updated_at, workspace_id
                  from job where state = ? order by updated_at desc, id desc limit ? offset ?""")) {
            ps.setString(1, state.name());
            ps.setInt(2, size);
            ps.setLong(3, (long) page * size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    jobs.add(new JobView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                            rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getTimestamp(8).toInstant(),
                            rs.getTimestamp(9).toInstant(), rs.getObject(10, UUID.class)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return jobs;
    }

    public long count(JobState state) {
        Stats stats = stats();
        return switch (state) {
            case READY -> stats.ready();
            case RUNNING -> stats.running();
            case DEAD -> stats.dead();
        };
    }

    @Transactional
    public void retry(long id) {
        requireAdmin();
        if (!store.retryDead(id, clock.instant())) {
            throw ProblemException.notFound("@thing.dead-job");
        }
        audit.record("job.retried", null, Map.of("job", id));
    }

    @Transactional
    public void discard(long id) {
        requireAdmin();
        if (!store.discardDead(id)) {
            throw ProblemException.notFound("@thing.dead-job");
        }
        audit.record("job.discarded", null, Map.of("job", id));
    }

    private void requireAdmin() {
        if (!current.get().platformAdmin()) {
            // the admin area does not exist for anyone else
            throw new ProblemException(404, "route-not-found");
        }
    }
}
