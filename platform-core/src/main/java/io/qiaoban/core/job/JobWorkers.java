package io.qiaoban.core.job;

import io.quarkus.arc.All;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts this node's job worker and the lease watcher with the application, stops them with it.
 * Handlers are every {@link JobHandler} bean, looked up by type; two handlers of one type fail start-up.
 */
@ApplicationScoped
public class JobWorkers {
    private static final Logger LOG = Logger.getLogger(JobWorkers.class);

    private final JobStore store;
    private final JobQueue queue;
    private final Clock clock;
    private final Map<String, JobHandler> handlers = new HashMap<>();
    private final JobWorker.Settings settings;
    private final Duration leaseCheck;
    private final boolean enabled;
    private JobWorker worker;
    private Thread leaseWatcher;
    private volatile boolean running;

    JobWorkers(JobStore store, JobQueue queue, Clock clock, @All List<JobHandler> handlerBeans,
            @ConfigProperty(name = "qiaoban.jobs.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "qiaoban.jobs.threads", defaultValue = "4") int threads,
            @ConfigProperty(name = "qiaoban.jobs.batch-size", defaultValue = "50") int batchSize,
            @ConfigProperty(name = "qiaoban.jobs.lease", defaultValue = "PT5M") Duration lease,
            @ConfigProperty(name = "qiaoban.jobs.poll-interval", defaultValue = "PT0.5S") Duration pollInterval,
            @ConfigProperty(name = "qiaoban.jobs.backoff-base", defaultValue = "PT5S") Duration backoffBase,
            @ConfigProperty(name = "qiaoban.jobs.backoff-max", defaultValue = "PT1H") Duration backoffMax,
            @ConfigProperty(name = "qiaoban.jobs.lease-check", defaultValue = "PT15S") Duration leaseCheck) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
        this.enabled = enabled;
        for (JobHandler handler : handlerBeans) {
            JobHandler previous = handlers.put(handler.type(), handler);
            if (previous != null) {
                throw new IllegalStateException("Two job handlers for type '" + handler.type() + "': "
                        + previous.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
        this.settings = new JobWorker.Settings(threads, batchSize, lease, pollInterval, new Backoff(backoffBase, backoffMax));
        this.leaseCheck = leaseCheck;
    }

    void onStart(@Observes StartupEvent start) {
        if (enabled) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        stop();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = newWorker(nodeName(), settings);
        worker.start();
        leaseWatcher = new Thread(this::watchLeases, "job-lease-watcher");
        leaseWatcher.setDaemon(true);
        leaseWatcher.start();
        LOG.infof("Job worker %s started: %d threads, %d handler types", worker.name(), settings.threads(), handlers.size());
    }

    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        leaseWatcher.interrupt();
        worker.stop();
    }

    /** A worker over this application's handlers; tests and benchmarks create several to act as separate nodes. */
    public JobWorker newWorker(String name, JobWorker.Settings workerSettings) {
        return new JobWorker(name, store, queue, Map.copyOf(handlers), clock, workerSettings);
    }

    /** A worker that claims only jobs of the given types (a pool of its own for some work, a benchmark). */
    public JobWorker newWorker(String name, JobWorker.Settings workerSettings, java.util.Set<String> types) {
        return new JobWorker(name, store, queue, Map.copyOf(handlers), clock, workerSettings, types);
    }

    public JobWorker.Settings settings() {
        return settings;
    }

    /** Gives expired leases back to the queue once; the watcher thread calls this periodically. */
    public int releaseExpiredLeases() {
        return QuarkusTransaction.requiringNew().call(() -> store.releaseExpiredLeases(clock.instant()));
    }

    private void watchLeases() {
        while (running) {
            try {
                Thread.sleep(leaseCheck.toMillis());
                int released = releaseExpiredLeases();
                if (released > 0) {
                    LOG.infof("Released %d job(s) whose worker stopped holding them", released);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Lease check failed; will try again", e);
            }
        }
    }

    private static String nodeName() {
        String pid = ManagementFactory.getRuntimeMXBean().getName();
        return pid.replaceAll("[^A-Za-z0-9@.-]", "") + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
