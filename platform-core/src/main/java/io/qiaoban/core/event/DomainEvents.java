package io.qiaoban.core.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.db.CopyCsv;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import org.postgresql.PGConnection;

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

    /**
     * Publishes many events at once, as a bulk change (an import) does: one COPY instead of a
     * statement per event, in the caller's transaction like {@link #publish(DomainEvent)}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(Collection<DomainEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        String at = clock.instant().toString();
        StringBuilder rows = new StringBuilder(events.size() * 256);
        try {
            for (DomainEvent event : events) {
                rows.append(event.workspaceId() == null ? "" : event.workspaceId().toString()).append(',');
                CopyCsv.quote(rows, event.type());
                rows.append(',');
                if (event.aggregateId() != null) {
                    CopyCsv.quote(rows, event.aggregateId());
                }
                rows.append(',');
                CopyCsv.quote(rows, json.writeValueAsString(event.payload()));
                rows.append(',').append(at).append('\n');
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Could not write " + events.size() + " events to the outbox", e);
        }
        try (Connection c = db.getConnection()) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy outbox (workspace_id, type, aggregate_id, payload, created_at) from stdin with (format csv)",
                    new StringReader(rows.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not write " + events.size() + " events to the outbox", e);
        }
    }
}
