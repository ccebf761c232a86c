package io.qiaoban.core.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;

/**
 * Publishes domain events into the outbox. Must be called inside the transaction of the change
 * ({@link Transactional.TxType#MANDATORY}): the event exists exactly when the change does.
 */
@ApplicationScoped
public class DomainEvents {
    private final AgroalDataSource db;
    private final ObjectMapper json;
    private final Clock clock;

    DomainEvents(AgroalDataSource db, ObjectMapper json, Clock clock) {
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long publish(DomainEvent event) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into outbox (workspace_id, type, aggregate_id, payload, created_at) values (?, ?, ?, ?::jsonb, ?) returning id")) {
            ps.setObject(1, event.workspaceId());
            ps.setString(2, event.type());
            ps.setString(3, event.aggregateId());
            ps.setString(4, json.writeValueAsString(event.payload()));
            ps.setTimestamp(5, Timestamp.from(clock.instant()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Could not write event " + event.type() + " to the outbox", e);
        }
    }
}
