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

    /**
     * Whether jobs of this type may run several in one transaction (one commit for a claimed batch of
     * small jobs, e.g. timers due at once). Their effects are then committed together; if any of them
     * fails, the transaction is rolled back and each runs alone, so failures stay per job.
     */
    default boolean batchable() {
        return false;
    }

    /**
     * Whether a failure may pass with another attempt. A failure that never will (a refused input, a
     * record that is gone) is final: no retries, {@link #failedFinally} at once.
     */
    default boolean retryable(Exception error) {
        return true;
    }

    /**
     * Called in a new transaction, after the job's own was rolled back, when its last attempt failed
     * or its failure is final. Return true when the handler recorded what the failure means (e.g. a
     * flow step marked failed with its reason): the job is then removed instead of going to the dead
     * letters.
     */
    default boolean failedFinally(Job job, Exception error) throws Exception {
        return false;
    }
}
