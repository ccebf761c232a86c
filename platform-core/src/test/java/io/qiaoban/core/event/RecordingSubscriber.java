package io.qiaoban.core.event;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;

/** A subscriber of "test.*" events that writes each delivery to a table the test reads. */
@ApplicationScoped
public class RecordingSubscriber implements DomainEventSubscriber {
    private final AgroalDataSource db;

    RecordingSubscriber(AgroalDataSource db) {
        this.db = db;
    }

    @Override
    public String key() {
        return "test.recording";
    }

    @Override
    public boolean accepts(String eventType) {
        return eventType.startsWith("test.");
    }

    @Override
    public void handle(DomainEvent event) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into test_event_delivery (event_id, type, marker) values (?, ?, ?)")) {
            ps.setLong(1, event.id());
            ps.setString(2, event.type());
            ps.setString(3, String.valueOf(event.payload().get("marker")));
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
