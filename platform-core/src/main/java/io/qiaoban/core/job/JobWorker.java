package io.qiaoban.core.job;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * A pool of threads that claim due jobs with SKIP LOCKED and run them. Several workers, in one
 * process or many, share the table safely: a job is leased to one of them at a time, and a job's
 * handler commits together with the job's removal, so its database effects happen once.
 */
public class JobWorker {
    private static final Logger LOG = Logger.getLogger(JobWorker.class);

    /** How a worker runs: threads, jobs claimed per round trip, lease length, idle poll, retry backoff. */
    public record Settings(int threads, int batchSize, Duration lease, Duration pollInterval, Backoff backoff) {
    }

    private final String name;
    private final JobStore store;
    private final JobQueue queue;
    private final Map<String, JobHandler> handlers;
    private final Clock clock;
    private final Settings settings;
    private final java.util.Set<String> onlyTypes;
    private final Semaphore wake = new Semaphore(0);
    private final Runnable wakeUp = () -> wake.release();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong executed = new AtomicLong();
    private volatile boolean running;

    public JobWorker(String name, JobStore store, JobQueue queue, Map<String, JobHandler> handlers, Clock clock,
            Settings settings) {
        this(name, store, queue, handlers, clock, settings, null);
    }

    /** A worker that claims only jobs of {@code onlyTypes} (null: every job, an unknown type goes to the dead letters). */
    public JobWorker(String name, JobStore store, JobQueue queue, Map<String, JobHandler> handlers, Clock clock,
            Settings settings, java.util.Set<String> onlyTypes) {
        this.onlyTypes = onlyTypes == null ? null : java.util.Set.copyOf(onlyTypes);
        this.name = name;
        this.store = store;
        this.queue = queue;
        this.handlers = handlers;
        this.clock = clock;
        this.settings = settings;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        queue.onEnqueue(wakeUp);
        for (int i = 0; i < settings.threads(); i++) {
            String lockName = name + "-" + i;
            Thread thread = new Thread(() -> loop(lockName), "job-" + lockName);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    public synchronized void stop() {
        running = false;
        queue.removeWakeUp(wakeUp);
        wake.release(threads.size());
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    /** Jobs this worker finished since it was created. */
    public long executed() {
        return executed.get();
    }

    public String name() {
        return name;
    }

    /**
     * Claims one batch and runs it on the calling thread; returns how many jobs were claimed. Tests
     * call this directly to drive the queue step by step.
     */
    public int runOnce(String lockName) {
        java.time.Instant claimedAt = clock.instant();
        List<Job> jobs = store.claim(lockName, settings.batchSize(), claimedAt, settings.lease(), onlyTypes);
        java.time.Instant renewAfter = claimedAt.plus(settings.lease().dividedBy(2));
        List<Job> together = new ArrayList<>();
        for (Job job : jobs) {
            // a batch is claimed at once but run one by one: past half the lease, renew before each job
            if (clock.instant().isAfter(renewAfter)
                    && !store.renewLease(job.id(), lockName, clock.instant().plus(settings.lease()))) {
                continue; // the lease ran out meanwhile and another worker has the job now
            }
            JobHandler handler = handlers.get(job.type());
            if (handler != null && handler.batchable()) {
                together.add(job);
            } else {
                run(job, lockName);
            }
        }
        runTogether(together, lockName);
        return jobs.size();
    }

    /**
     * Runs jobs of batchable handlers in one transaction: one commit instead of one per job. Should
     * any of them fail (or another worker have taken one), nothing of the batch is kept and each job
     * runs alone, with its own retries and failure handling.
     */
    private void runTogether(List<Job> jobs, String lockName) {
        if (jobs.size() < 2) {
            jobs.forEach(job -> run(job, lockName));
            return;
        }
        boolean completed;
        try {
            completed = QuarkusTransaction.requiringNew().timeout((int) Math.max(1, settings.lease().toSeconds())).call(() -> {
                for (Job job : jobs) {
                    handlers.get(job.type()).handle(job);
                }
                if (store.completeAll(jobs.stream().map(Job::id).toList(), lockName) != jobs.size()) {
                    // another worker took one of them after our lease expired: it runs alone, as it would have
                    QuarkusTransaction.setRollbackOnly();
                    return false;
                }
                return true;
            });
        } catch (Exception e) {
            LOG.debugf("A batch of %d jobs failed together (%s); running each alone", jobs.size(), describe(e));
            completed = false;
        }
        if (completed) {
            executed.addAndGet(jobs.size());
        } else {
            jobs.forEach(job -> run(job, lockName));
        }
    }

    private void loop(String lockName) {
        while (running) {
            try {
                // wait first: at start-up the application needs the CPU and the connections more
                wake.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
                while (running && runOnce(lockName) == settings.batchSize()) {
                    // a full batch: more may be due right away
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf(e, "Job worker %s could not claim jobs; retrying", lockName);
                sleepQuietly(settings.pollInterval());
            }
        }
    }

    private void run(Job job, String lockName) {
        JobHandler handler = handlers.get(job.type());
        try {
            if (handler == null) {
                throw new IllegalStateException("No handler for job type '" + job.type() + "'");
            }
            // the transaction may last as long as the lease, not Narayana's default of 60 s
            Duration allowed = handler.maxDuration() == null ? settings.lease() : handler.maxDuration();
            boolean completed = QuarkusTransaction.requiringNew()
                    .timeout((int) Math.max(1, allowed.toSeconds())).call(() -> {
                handler.handle(job);
                if (!store.complete(job.id(), lockName)) {
                    // another worker took the job after our lease expired: undo our work, theirs counts
                    QuarkusTransaction.setRollbackOnly();
                    return false;
                }
                return true;
            });
            if (completed) {
                executed.incrementAndGet();
            }
        } catch (Exception e) {
            String error = describe(e);
            LOG.debugf("Job %d (%s) attempt %d failed: %s", job.id(), job.type(), job.attempt(), error);
            Exception cause = cause(e);
            boolean last = job.attempt() >= job.maxAttempts() || handler != null && !handler.retryable(cause);
            if (last && handler != null && handledFinally(handler, job, cause, lockName)) {
                return;
            }
            try {
                QuarkusTransaction.requiringNew().run(() -> store.fail(job, lockName, error, last,
                        clock.instant().plus(settings.backoff().after(job.attempt())), clock.instant()));
            } catch (RuntimeException recordFailure) {
                LOG.warnf(recordFailure, "Could not record the failure of job %d; its lease will expire", job.id());
            }
        }
    }

    private boolean handledFinally(JobHandler handler, Job job, Exception cause, String lockName) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> handler.failedFinally(job, cause) && store.complete(job.id(), lockName));
        } catch (Exception e) {
            LOG.warnf(e, "Job %d (%s) could not record its final failure; it goes to the dead letters", job.id(), job.type());
            return false;
        }
    }

    /** The handler's own exception, not the transaction's wrapper around it. */
    private static Exception cause(Exception e) {
        if (e instanceof io.quarkus.narayana.jta.QuarkusTransactionException && e.getCause() instanceof Exception inner) {
            return inner;
        }
        return e;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root != root.getCause() && root instanceof RuntimeException
                && root.getMessage() == null) {
            root = root.getCause();
        }
        if (e instanceof io.quarkus.narayana.jta.QuarkusTransactionException && e.getCause() != null) {
            root = e.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
