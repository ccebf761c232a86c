package io.qiaoban.rule.rule;

import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.event.EventTypeCache;
import jakarta.inject.Singleton;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/** The event types some enabled rule listens to; rule changes call {@link #changed()}. */
// a singleton: the cache base class has no no-args constructor for a client proxy
@Singleton
public class ListenedEventTypes extends EventTypeCache {
    private final AgroalDataSource db;

    ListenedEventTypes(AgroalDataSource db, TransactionSynchronizationRegistry transactions) {
        super(transactions);
        this.db = db;
    }

    @Override
    protected Set<String> load() throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select distinct event_type from rule where enabled and event_type is not null");
             ResultSet rs = ps.executeQuery()) {
            Set<String> loaded = new HashSet<>();
            while (rs.next()) {
                loaded.add(rs.getString(1));
            }
            return loaded;
        }
    }
}
