package io.qiaoban.core.event;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.SQLException;
import java.util.Set;

/**
 * The event types a subscriber listens to, so the outbox queues deliveries only for those (a million
 * imported records must not mean a million idle delivery jobs). Read from the database at most every
 * two seconds, and at once after a change on this node: a change made on another node is seen about
 * two seconds later.
 */
public abstract class EventTypeCache {
    private static final long TTL_NANOS = 2_000_000_000L;

    private final TransactionSynchronizationRegistry transactions;
    private volatile Set<String> types;
    private volatile long loadedAt;

    protected EventTypeCache(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /** The types listened to now, as stored. */
    protected abstract Set<String> load() throws SQLException;

    public boolean contains(String eventType) {
        Set<String> current = types;
        if (current == null || System.nanoTime() - loadedAt > TTL_NANOS) {
            current = reload();
        }
        return current.contains(eventType);
    }

    /** What is listened to changed here: read again on the next event. */
    public void changed() {
        types = null;
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            // and once more when the change is visible: a read in between would cache the old set
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    types = null;
                }
            });
        }
    }

    private Set<String> reload() {
        try {
            Set<String> loaded = Set.copyOf(load());
            types = loaded;
            loadedAt = System.nanoTime();
            return loaded;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
