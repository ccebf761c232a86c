package io.qiaoban.core.job;

/**
 * Runs jobs of one type. {@link #handle} runs in a transaction that also removes the job, so its
 * database effects happen exactly once; effects outside the database must use an idempotency key
 * (see {@code ActionExecutor}). Throwing schedules a retry with backoff, and after the last attempt
 * the job goes to the dead letters.
 */
public interface JobHandler {
    /** Dotted and stable, e.g. "event.deliver", "flow.timer". */
    String type();

    void handle(Job job) throws Exception;

    /**
     * How long one run may take (its transaction's timeout). Null: the lease. A handler that may run
     * longer than the lease renews it while it works ({@link JobQueue#extendLease}), so a worker that
     * died still loses its jobs after one lease.
     */
    default java.time.Duration maxDuration() {
        return null;
    }
}
