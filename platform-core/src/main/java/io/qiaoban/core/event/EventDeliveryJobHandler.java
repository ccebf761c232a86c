package io.qiaoban.core.event;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.job.Job;
import io.qiaoban.core.job.JobHandler;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Delivers one event to one subscriber. The "handled" mark is written in the same transaction as
 * the subscriber's work: if the mark exists, this is a redelivery and nothing runs.
 */
@ApplicationScoped
public class EventDeliveryJobHandler implements JobHandler {
    public static final String TYPE = "event.deliver";

    private final AgroalDataSource db;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, DomainEventSubscriber> subscribers;

    EventDeliveryJobHandler(AgroalDataSource db, ObjectMapper json, Clock clock,
            @All List<DomainEventSubscriber> subscribers) {
        this.db = db;
        this.json = json;
        this.clock = clock;
        this.subscribers = subscribers.stream().collect(Collectors.toMap(DomainEventSubscriber::key, Function.identity()));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void handle(Job job) throws Exception {
        long eventId = job.payload().path("event").asLong();
        String key = job.payload().path("subscriber").asText();
        DomainEventSubscriber subscriber = subscribers.get(key);
        if (subscriber == null) {
            throw new IllegalStateException("No subscriber '" + key + "' in this application");
        }
        try (Connection c = db.getConnection()) {
            try (PreparedStatement mark = c.prepareStatement(
                    "insert into handled_event (subscriber, event_id, handled_at) values (?, ?, ?) on conflict do nothing")) {
                mark.setString(1, key);
                mark.setLong(2, eventId);
                mark.setTimestamp(3, Timestamp.from(clock.instant()));
                if (mark.executeUpdate() == 0) {
                    return;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "select workspace_id, type, aggregate_id, payload::text, created_at from outbox where id = ?")) {
                ps.setLong(1, eventId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("Event " + eventId + " is no longer in the outbox");
                    }
                    Map<String, Object> payload = json.readValue(rs.getString(4), new TypeReference<>() {
                    });
                    subscriber.handle(new DomainEvent(eventId, rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            payload, rs.getTimestamp(5).toInstant()));
                }
            }
        }
    }
}
