package io.qiaoban.core.event;

import static io.qiaoban.core.testing.Delivery.count;
import static io.qiaoban.core.testing.Delivery.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxTest {
    @Inject
    DomainEvents events;
    @Inject
    OutboxDispatcher dispatcher;
    @Inject
    EntityManager em;

    @BeforeEach
    void table() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                create table if not exists test_event_delivery (event_id bigint, type text, marker text)""").executeUpdate());
    }

    @Test
    void anEventIsStoredOnlyWhenItsTransactionCommits() {
        String marker = UUID.randomUUID().toString();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            events.publish(new DomainEvent(null, "test.rolled-back", "1", Map.of("marker", marker)));
            throw new IllegalStateException("the change fails");
        }));
        assertEquals(0, count("select count(*) from outbox where payload ->> 'marker' = ?1", marker));
        // and publishing outside a transaction is refused rather than half-done
        assertThrows(RuntimeException.class,
                () -> events.publish(new DomainEvent(null, "test.no-tx", "1", Map.of("marker", marker))));
    }

    @Test
    void aCrashBetweenCommitAndDispatchLosesNoEvent() {
        String marker = UUID.randomUUID().toString();
        // the change commits; then the node "crashes": no dispatcher, no worker has run
        long id = QuarkusTransaction.requiringNew().call(
                () -> events.publish(new DomainEvent(null, "test.order-paid", "order-1", Map.of("marker", marker))));
        assertEquals(1, count("select count(*) from outbox where id = ?1 and dispatched_at is null", id));
        // a node comes back: the pending event is dispatched and delivered
        drain();
        assertEquals(1, count("select count(*) from test_event_delivery where marker = ?1", marker));
        assertEquals(1, count("select count(*) from outbox where id = ?1 and dispatched_at is not null", id));
    }

    @Test
    void aRedeliveryIsIgnored() {
        String marker = UUID.randomUUID().toString();
        long id = QuarkusTransaction.requiringNew().call(
                () -> events.publish(new DomainEvent(null, "test.repurchase", "c-9", Map.of("marker", marker))));
        drain();
        // the dispatcher crashed before recording the dispatch: the event goes out a second time
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update outbox set dispatched_at = null where id = ?1").setParameter(1, id).executeUpdate());
        drain();
        assertEquals(1, count("select count(*) from test_event_delivery where marker = ?1", marker));
        assertEquals(1, count("select count(*) from handled_event where event_id = ?1 and subscriber = 'test.recording'", id));
    }

    @Test
    void eventsNobodyListensToAreDispatchedWithoutJobs() {
        String marker = UUID.randomUUID().toString();
        long id = QuarkusTransaction.requiringNew().call(
                () -> events.publish(new DomainEvent(null, "other.thing", "x", Map.of("marker", marker))));
        dispatcher.dispatchOnce();
        assertEquals(0, count("select count(*) from job where payload ->> 'event' = ?1", String.valueOf(id)));
    }

    @Test
    void manyEventsArePublishedAtOnceInTheTransactionOfTheirChange() {
        String marker = UUID.randomUUID().toString();
        // what CSV and JSON must both carry through: quotes, commas, line breaks, backslashes, Chinese
        String awkward = "\"钻石\", 会员,\n第二行 \\ 反斜杠";
        UUID workspace = UUID.randomUUID();
        List<DomainEvent> batch = IntStream.range(0, 500)
                .mapToObj(i -> new DomainEvent(i % 2 == 0 ? workspace : null, "test.bulk", i % 3 == 0 ? null : "r-" + i,
                        Map.of("marker", marker, "i", i, "note", awkward)))
                .toList();

        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            events.publishAll(batch);
            throw new IllegalStateException("the import fails");
        }));
        assertEquals(0, count("select count(*) from outbox where payload ->> 'marker' = ?1", marker));
        assertThrows(RuntimeException.class, () -> events.publishAll(batch), "outside a transaction");

        QuarkusTransaction.requiringNew().run(() -> events.publishAll(batch));
        assertEquals(500, count("select count(*) from outbox where payload ->> 'marker' = ?1", marker));
        assertEquals(500, count("select count(*) from outbox where payload ->> 'marker' = ?1 and payload ->> 'note' = ?2",
                marker, awkward));
        assertEquals(250, count("select count(*) from outbox where payload ->> 'marker' = ?1 and workspace_id = ?2", marker,
                workspace));
        assertEquals(167, count("select count(*) from outbox where payload ->> 'marker' = ?1 and aggregate_id is null", marker));
        assertEquals(1, count("select count(*) from outbox where payload ->> 'marker' = ?1 and aggregate_id = 'r-499'"
                + " and (payload ->> 'i')::int = 499", marker));
        drain();
        assertEquals(500, count("select count(*) from test_event_delivery where marker = ?1", marker));
    }


}
