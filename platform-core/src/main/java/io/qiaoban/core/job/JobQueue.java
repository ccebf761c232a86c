package io.qiaoban.core.job;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Enqueues jobs. Inside a transaction the job row is part of it: rolled back with the caller's
 * change, visible to workers when it commits. Local workers are woken after the commit so a job due
 * now does not wait for the next poll.
 */
@ApplicationScoped
public class JobQueue {
    private final JobStore store;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final List<Runnable> wakeUps = new CopyOnWriteArrayList<>();

    JobQueue(JobStore store, Clock clock, TransactionSynchronizationRegistry transactions) {
        this.store = store;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** Returns the job id, or -1 when a job with the same dedupe key is already queued. */
    public long enqueue(NewJob job) {
        long id = store.insert(job, clock.instant());
        if (id > 0 && (job.runAt() == null || !job.runAt().isAfter(clock.instant()))) {
            wakeAfterCommit();
        }
        return id;
    }

    /**
     * Keeps a running job's lease for {@code duration} more, committed at once (outside the handler's
     * transaction) so the lease watcher sees it. False when the lease was already lost: the handler
     * should stop, its work will be rolled back.
     */
    public boolean extendLease(Job job, Duration duration) {
        return QuarkusTransaction.requiringNew()
                .call(() -> store.renewLease(job.id(), job.worker(), clock.instant().plus(duration)));
    }

    void onEnqueue(Runnable wakeUp) {
        wakeUps.add(wakeUp);
    }

    void removeWakeUp(Runnable wakeUp) {
        wakeUps.remove(wakeUp);
    }

    private void wakeAfterCommit() {
        if (wakeUps.isEmpty()) {
            return;
        }
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        wakeUps.forEach(Runnable::run);
                    }
                }
            });
        } else {
            wakeUps.forEach(Runnable::run);
        }
    }
}
