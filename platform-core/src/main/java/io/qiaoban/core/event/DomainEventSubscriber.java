package io.qiaoban.core.event;

/**
 * Receives domain events, at least once. {@link #handle} runs in the delivery transaction together
 * with the record that this subscriber handled the event, so a redelivery never runs it twice for
 * effects in the database. Engines provide subscribers as CDI beans.
 */
public interface DomainEventSubscriber {
    /** Stable and unique, e.g. "rule-engine.rules": it keys what was handled. */
    String key();

    boolean accepts(String eventType);

    void handle(DomainEvent event);
}
