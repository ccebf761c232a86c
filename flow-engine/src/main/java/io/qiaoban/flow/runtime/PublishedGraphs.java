package io.qiaoban.flow.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.qiaoban.flow.definition.FlowRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.UUID;

/** Published versions never change, so each is read and indexed once per node and kept while used. */
@ApplicationScoped
public class PublishedGraphs {
    private record Key(UUID flowId, int version) {
    }

    private final Cache<Key, RunnableGraph> graphs = Caffeine.newBuilder().maximumSize(2_000).build();
    private final FlowRepository flows;

    PublishedGraphs(FlowRepository flows) {
        this.flows = flows;
    }

    public RunnableGraph get(UUID flowId, int version) throws SQLException {
        Key key = new Key(flowId, version);
        RunnableGraph graph = graphs.getIfPresent(key);
        if (graph == null) {
            graph = new RunnableGraph(flows.version(flowId, version)
                    .orElseThrow(() -> new IllegalStateException("Flow " + flowId + " has no version " + version)));
            graphs.put(key, graph);
        }
        return graph;
    }
}
