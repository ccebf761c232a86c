package io.qiaoban.flow.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.core.pkg.PackageContext;
import io.qiaoban.core.pkg.PackageSection;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.flow.graph.FlowGraph;
import io.qiaoban.flow.graph.FlowNode;
import io.qiaoban.flow.runtime.FlowEventTypes;
import io.qiaoban.flow.schedule.FlowSchedules;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The "flows" section of an app package: each flow's kind, name, description and graph (its published
 * version, or its draft if never published) and whether it is published. A flow.start action names
 * the flow it starts by name in the package (ids differ between apps) and by id again once imported.
 * Import matches flows by name: a new flow is created, a changed one gets a new draft and (if the
 * package publishes it) a new version, an identical one is left alone, so importing the same package
 * twice changes nothing. Graphs are checked like a publish; one that cannot run fails the import.
 */
@ApplicationScoped
public class FlowsPackageSection implements PackageSection {
    static final String START_ACTION = "flow.start";
    static final String FLOW_NAME = "flowName";

    private final FlowRepository flows;
    private final FlowService definitions;
    private final FlowSchedules schedules;
    private final FlowEventTypes eventTypes;
    private final ObjectMapper json;
    private final Clock clock;

    FlowsPackageSection(FlowRepository flows, FlowService definitions, FlowSchedules schedules, FlowEventTypes eventTypes,
            ObjectMapper json, Clock clock) {
        this.flows = flows;
        this.definitions = definitions;
        this.schedules = schedules;
        this.eventTypes = eventTypes;
        this.json = json;
        this.clock = clock;
    }

    /** One flow in a package. */
    public record PackagedFlow(String kind, String name, String description, FlowGraph graph, boolean published) {
    }

    @Override
    public String key() {
        return "flows";
    }

    /** Triggers and record actions name forms; rules may start flows by event. */
    @Override
    public List<String> dependsOn() {
        return List.of("forms");
    }

    @Override
    public JsonNode export(PackageContext context) {
        try {
            List<StoredFlow> all = flows.list(context.workspaceId(), context.appId());
            Map<String, String> names = new HashMap<>();
            all.forEach(f -> names.put(f.id().toString(), f.name()));
            ArrayNode out = json.createArrayNode();
            for (StoredFlow flow : all) {
                FlowGraph graph = flow.published() ? flows.version(flow.id(), flow.publishedVersion()).orElse(flow.draft()) : flow.draft();
                out.add(json.valueToTree(new PackagedFlow(flow.kind().key(), flow.name(), flow.description(),
                        startsBy(graph, names, FLOW_NAME, "flow", false), flow.published())));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void importSection(PackageContext context, JsonNode section) {
        try {
            List<PackagedFlow> packaged = new ArrayList<>();
            for (JsonNode node : section) {
                packaged.add(json.treeToValue(node, PackagedFlow.class));
            }
            Instant now = clock.instant();
            Map<String, StoredFlow> byName = new HashMap<>();
            flows.list(context.workspaceId(), context.appId()).forEach(f -> byName.put(f.name().toLowerCase(Locale.ROOT), f));
            // first every flow exists, so that flow.start actions can name any of them
            for (PackagedFlow p : packaged) {
                byName.computeIfAbsent(p.name().toLowerCase(Locale.ROOT), key -> create(context, p, now));
            }
            Map<String, String> ids = new HashMap<>();
            byName.values().forEach(f -> ids.put(f.name(), f.id().toString()));
            boolean published = false;
            for (PackagedFlow p : packaged) {
                StoredFlow current = byName.get(p.name().toLowerCase(Locale.ROOT));
                FlowGraph graph = startsBy(p.graph(), ids, "flow", FLOW_NAME, true);
                if (p.published()) {
                    definitions.requireRunnable(context.workspaceId(), context.appId(), p.name(), graph);
                }
                boolean same = graph.equals(current.draft());
                if (!same) {
                    current = new StoredFlow(current.id(), current.workspaceId(), current.appId(), current.kind(), current.name(),
                            p.description(), graph, current.draftVersion() + 1, current.publishedVersion(),
                            current.publishedDraftVersion(), current.createdAt(), now);
                    flows.updateDraft(current);
                }
                if (p.published() && current.changedSincePublish()) {
                    flows.publish(current, null, now);
                    schedules.planned(flows.published(context.workspaceId(), context.appId(), current.id()).orElseThrow());
                    published = true;
                }
            }
            if (published) {
                eventTypes.changed();
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private StoredFlow create(PackageContext context, PackagedFlow p, Instant now) {
        FlowKind kind = FlowKind.byKey(p.kind() == null ? "" : p.kind())
                .orElseThrow(() -> ProblemException.invalid("flows.kind", "unknown-value", String.valueOf(p.kind())));
        StoredFlow flow = new StoredFlow(UUID.randomUUID(), context.workspaceId(), context.appId(), kind, p.name(), p.description(),
                FlowService.starter(kind), 1, null, null, now, now);
        try {
            flows.insert(flow, null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return flow;
    }

    /**
     * The graph with each flow.start action's reference turned from one key to the other: the flow's
     * id to its name on export (a flow deleted since stays as it was), its name to the id in this app
     * on import (a name no flow has fails the import).
     */
    private FlowGraph startsBy(FlowGraph graph, Map<String, String> lookup, String to, String from, boolean required) {
        List<FlowNode> nodes = new ArrayList<>();
        for (FlowNode node : graph.nodes()) {
            ObjectNode config = node.config();
            if (!START_ACTION.equals(config.path("action").asText()) || !config.hasNonNull(from)) {
                nodes.add(node);
                continue;
            }
            String target = lookup.get(config.path(from).asText());
            if (target == null && !required) {
                nodes.add(node);
                continue;
            }
            if (target == null) {
                throw new ProblemException(400, "validation",
                        List.of(FieldError.of("flows." + node.id(), "flow.package.unknownFlow", config.path(from).asText())));
            }
            ObjectNode changed = config.deepCopy();
            changed.remove(from);
            changed.put(to, target);
            nodes.add(new FlowNode(node.id(), node.type(), node.name(), changed, node.position()));
        }
        return new FlowGraph(nodes, graph.edges(), graph.goal(), graph.exitWhen());
    }
}
