package io.qiaoban.core.testing;

import io.qiaoban.core.event.OutboxDispatcher;
import io.qiaoban.core.job.JobWorker;
import io.qiaoban.core.job.JobWorkers;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

/**
 * Drives the outbox and the job queue by hand in tests (their background threads are off there),
 * counts rows to check what they did, and runs the odd statement a test sets the scene with.
 */
public final class Delivery {
    private Delivery() {
    }

    /** Dispatches pending events and runs due jobs until neither has anything left (events published by jobs too). */
    public static void drain() {
        OutboxDispatcher dispatcher = Arc.container().instance(OutboxDispatcher.class).get();
        JobWorkers workers = Arc.container().instance(JobWorkers.class).get();
        JobWorker worker = workers.newWorker("test-drain", workers.settings());
        do {
            while (dispatcher.dispatchOnce() > 0) {
                // keep dispatching
            }
        } while (worker.runOnce("test-drain-0") > 0);
    }

    /** Jobs of a type waiting for a retry are due at once (instead of after their backoff). */
    public static void dueNow(String jobType) {
        EntityManager em = Arc.container().instance(EntityManager.class).get();
        // a minute back: the workers compare with the application's clock, not the database's
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update job set run_at = now() - interval '1 minute' where state = 'READY' and type = ?1")
                .setParameter(1, jobType).executeUpdate());
    }

    /** A statement a test needs (a trigger that makes a write fail, say), in its own transaction. */
    public static void execute(String sql) {
        EntityManager em = Arc.container().instance(EntityManager.class).get();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(sql).executeUpdate());
    }

    /** A count query with positional parameters, in its own transaction. */
    public static long count(String sql, Object... parameters) {
        EntityManager em = Arc.container().instance(EntityManager.class).get();
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return ((Number) query.getSingleResult()).longValue();
        });
    }
}
