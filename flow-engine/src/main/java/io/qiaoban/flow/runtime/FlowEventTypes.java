package io.qiaoban.flow.runtime;

import io.qiaoban.core.event.EventTypeCache;
import io.qiaoban.flow.definition.FlowRepository;
import jakarta.inject.Singleton;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.SQLException;
import java.util.Set;

/**
 * The event types flows listen to: those a published flow starts on and those a waiting step waits
 * for. Publishing a flow and a step starting to wait for an event call {@link #changed()}.
 */
// a singleton: the cache base class has no no-args constructor for a client proxy
@Singleton
public class FlowEventTypes extends EventTypeCache {
    private final FlowRepository flows;

    FlowEventTypes(FlowRepository flows, TransactionSynchronizationRegistry transactions) {
        super(transactions);
        this.flows = flows;
    }

    @Override
    protected Set<String> load() throws SQLException {
        return flows.listenedEventTypes();
    }
}
