package io.qiaoban.rule.rule;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The event types some enabled rule listens to, so the outbox only queues deliveries to the rule
 * engine for those (a million imported records must not mean a million idle delivery jobs). Read
 * from the database at most every two seconds, and at once after a change on this node: a rule
 * enabled on another node sees the events dispatched about two seconds later.
 */
@ApplicationScoped
public class ListenedEventTypes {
    private static final long TTL_NANOS = 2_000_000_000L;

    private final AgroalDataSource db;
    private final TransactionSynchronizationRegistry transactions;
    private volatile Set<String> types;
    private volatile long loadedAt;

    ListenedEventTypes(AgroalDataSource db, TransactionSynchronizationRegistry transactions) {
        this.db = db;
        this.transactions = transactions;
    }

    public boolean contains(String eventType) {
        Set<String> current = types;
        if (current == null || System.nanoTime() - loadedAt > TTL_NANOS) {
            current = load();
        }
        return current.contains(eventType);
    }

    /** Rules were published, enabled or disabled here: read again on the next event. */
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

    private Set<String> load() {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select distinct event_type from rule where enabled and event_type is not null");
             ResultSet rs = ps.executeQuery()) {
            Set<String> loaded = new HashSet<>();
            while (rs.next()) {
                loaded.add(rs.getString(1));
            }
            types = Set.copyOf(loaded);
            loadedAt = System.nanoTime();
            return types;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
