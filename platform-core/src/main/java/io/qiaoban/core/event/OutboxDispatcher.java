package io.qiaoban.core.event;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.job.JobQueue;
import io.qiaoban.core.job.NewJob;
import io.quarkus.arc.All;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Moves committed outbox events into the job queue: one "event.deliver" job per interested
 * subscriber, in the same transaction that marks the events dispatched. A crash before that commit
 * leaves the events pending for the next round; the jobs' dedupe keys keep a round that runs twice
 * from queueing a delivery twice. Retries and dead letters of deliveries are the job queue's.
 */
@ApplicationScoped
public class OutboxDispatcher {
    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);

    private final AgroalDataSource db;
    private final JobQueue jobs;
    private final List<DomainEventSubscriber> subscribers;
    private final Clock clock;
    private final boolean enabled;
    private final Duration pollInterval;
    private final int batchSize;
    private volatile Thread thread;

    OutboxDispatcher(AgroalDataSource db, JobQueue jobs, @All List<DomainEventSubscriber> subscribers, Clock clock,
            @ConfigProperty(name = "qiaoban.outbox.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "qiaoban.outbox.poll-interval", defaultValue = "PT0.2S") Duration pollInterval,
            @ConfigProperty(name = "qiaoban.outbox.batch-size", defaultValue = "200") int batchSize) {
        this.db = db;
        this.jobs = jobs;
        this.subscribers = subscribers;
        this.clock = clock;
        this.enabled = enabled;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
    }

    void onStart(@Observes StartupEvent start) {
        if (enabled) {
            thread = new Thread(this::loop, "outbox-dispatcher");
            thread.setDaemon(true);
            thread.start();
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
        }
    }

    /** Dispatches one batch of pending events; returns how many events it took. */
    public int dispatchOnce() {
        return QuarkusTransaction.requiringNew().call(this::dispatchBatch);
    }

    private int dispatchBatch() throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "select id, type, workspace_id from outbox where dispatched_at is null order by id limit ? for update skip locked")) {
                ps.setInt(1, batchSize);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        String type = rs.getString(2);
                        ids.add(id);
                        for (DomainEventSubscriber subscriber : subscribers) {
                            if (subscriber.accepts(type)) {
                                jobs.enqueue(NewJob.of(EventDeliveryJobHandler.TYPE, JsonNodeFactory.instance.objectNode()
                                                .put("event", id).put("subscriber", subscriber.key()))
                                        .inWorkspace(rs.getObject(3, UUID.class))
                                        .dedupe("event:" + id + ":" + subscriber.key()));
                            }
                        }
                    }
                }
            }
            if (!ids.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("update outbox set dispatched_at = ? where id = any(?)")) {
                    Array array = c.createArrayOf("bigint", ids.toArray());
                    ps.setTimestamp(1, Timestamp.from(clock.instant()));
                    ps.setArray(2, array);
                    ps.executeUpdate();
                }
            }
        }
        return ids.size();
    }

    private void loop() {
        while (thread == Thread.currentThread()) {
            try {
                // wait first: at start-up the application needs the CPU and the connections more
                Thread.sleep(pollInterval.toMillis());
                while (thread == Thread.currentThread() && dispatchOnce() == batchSize) {
                    // a full batch: more may be pending right away
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Outbox dispatch failed; will try again", e);
                try {
                    Thread.sleep(pollInterval.toMillis() * 5);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
