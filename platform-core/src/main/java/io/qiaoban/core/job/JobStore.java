package io.qiaoban.core.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The SQL of the job table. Each statement is one small command; connections come from the
 * application's data source, so a call inside a JTA transaction joins it.
 */
@ApplicationScoped
public class JobStore {
    private final AgroalDataSource db;
    private final ObjectMapper json;

    JobStore(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Returns the new job's id, or -1 when a job with the same dedupe key already exists. */
    public long insert(NewJob job, Instant now) {
        String sql = """
                insert into job (type, payload, workspace_id, dedupe_key, state, run_at, max_attempts, created_at, updated_at)
                values (?, ?::jsonb, ?, ?, 'READY', ?, ?, ?, ?)
                on conflict (dedupe_key) do nothing returning id""";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, job.type());
            ps.setString(2, json.writeValueAsString(job.payload()));
            ps.setObject(3, job.workspaceId());
            ps.setString(4, job.dedupeKey());
            ps.setTimestamp(5, Timestamp.from(job.runAt() == null ? now : job.runAt()));
            ps.setInt(6, Math.max(1, job.maxAttempts()));
            ps.setTimestamp(7, Timestamp.from(now));
            ps.setTimestamp(8, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Could not enqueue job " + job.type(), e);
        }
    }

    /** Leases up to {@code limit} due jobs to {@code worker}; concurrent claimers skip each other's rows. */
    public List<Job> claim(String worker, int limit, Instant now, Duration lease) {
        return claim(worker, limit, now, lease, null);
    }

    /** The same, only jobs of the given types (null: all). */
    public List<Job> claim(String worker, int limit, Instant now, Duration lease, java.util.Collection<String> types) {
        String sql = """
                with due as (
                    select id from job where state = 'READY' and run_at <= ? and (?::varchar[] is null or type = any(?))
                     order by run_at limit ? for update skip locked)
                update job j set state = 'RUNNING', locked_by = ?, locked_until = ?, attempts = j.attempts + 1, updated_at = ?
                  from due where j.id = due.id
                returning j.id, j.type, j.payload::text, j.workspace_id, j.attempts, j.max_attempts""";
        List<Job> jobs = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(now));
            java.sql.Array only = types == null ? null : c.createArrayOf("varchar", types.toArray());
            ps.setArray(2, only);
            ps.setArray(3, only);
            ps.setInt(4, limit);
            ps.setString(5, worker);
            ps.setTimestamp(6, Timestamp.from(now.plus(lease)));
            ps.setTimestamp(7, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    jobs.add(new Job(rs.getLong(1), rs.getString(2), json.readTree(rs.getString(3)),
                            rs.getObject(4, UUID.class), rs.getInt(5), rs.getInt(6), worker));
                }
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Could not claim jobs", e);
        }
        return jobs;
    }

    /**
     * Extends the lease of a job this worker holds, just before running it (a batch is claimed at
     * once but run one by one); false when the lease is no longer ours.
     */
    public boolean renewLease(long id, String worker, Instant until) {
        return update("update job set locked_until = ? where id = ? and locked_by = ? and state = 'RUNNING'",
                Timestamp.from(until), id, worker) == 1;
    }

    /** Removes a finished job; false when the lease was lost to another worker meanwhile. */
    public boolean complete(long id, String worker) {
        return update("delete from job where id = ? and locked_by = ? and state = 'RUNNING'", id, worker) == 1;
    }

    /** Removes several done jobs at once (a batch run together); returns how many were still this worker's. */
    public int completeAll(List<Long> ids, String worker) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from job where id = any(?) and locked_by = ? and state = 'RUNNING'")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            ps.setString(2, worker);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Job update failed", e);
        }
    }

    /** Puts a failed job back for a later attempt, or into the dead letters after the last one (or a final failure). */
    public void fail(Job job, String worker, String error, boolean last, Instant retryAt, Instant now) {
        update("""
                update job set state = ?, run_at = ?, last_error = ?, locked_by = null, locked_until = null, updated_at = ?
                 where id = ? and locked_by = ?""",
                last ? "DEAD" : "READY", Timestamp.from(last ? now : retryAt), truncate(error), Timestamp.from(now),
                job.id(), worker);
    }

    /**
     * Jobs whose worker died keep their lease until it expires; then they are due again, or dead when
     * they have used all their attempts.
     */
    public int releaseExpiredLeases(Instant now) {
        return update("""
                update job set state = case when attempts >= max_attempts then 'DEAD' else 'READY' end,
                       last_error = coalesce(last_error, '') || case when last_error is null then '' else E'\\n' end
                                    || 'lease expired (worker ' || coalesce(locked_by, '?') || ' stopped?)',
                       run_at = ?, locked_by = null, locked_until = null, updated_at = ?
                 where state = 'RUNNING' and locked_until < ?""",
                Timestamp.from(now), Timestamp.from(now), Timestamp.from(now));
    }

    public boolean retryDead(long id, Instant now) {
        return update("""
                update job set state = 'READY', run_at = ?, attempts = 0, updated_at = ? where id = ? and state = 'DEAD'""",
                Timestamp.from(now), Timestamp.from(now), id) == 1;
    }

    public boolean discardDead(long id) {
        return update("delete from job where id = ? and state = 'DEAD'", id) == 1;
    }

    private int update(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Job update failed", e);
        }
    }

    private static String truncate(String error) {
        return error == null ? null : error.length() > 4000 ? error.substring(0, 4000) : error;
    }
}
