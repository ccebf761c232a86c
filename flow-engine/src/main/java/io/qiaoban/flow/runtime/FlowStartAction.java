package io.qiaoban.flow.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiaoban.core.action.Action;
import io.qiaoban.core.action.ActionContext;
import io.qiaoban.core.action.ActionResult;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.flow.definition.FlowRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * "flow.start": starts a published flow of the same app (by id), about a record (the calling flow's
 * own when it leaves it out) and for a customer. Once per idempotency key: a replayed step finds the
 * instance it started. A chain of flows starting flows stops at {@link FlowTriggers#MAX_CHAIN_DEPTH},
 * as flows answering their own events do.
 */
@ApplicationScoped
public class FlowStartAction implements Action {
    public static final String KEY = "flow.start";

    private final FlowRepository flows;
    private final FlowEngine engine;
    private final InstanceRepository instances;
    private final ObjectMapper json;
    private final JsonNode schema;

    FlowStartAction(FlowRepository flows, FlowEngine engine, InstanceRepository instances, ObjectMapper json) throws Exception {
        this.flows = flows;
        this.engine = engine;
        this.instances = instances;
        this.json = json;
        this.schema = json.readTree("""
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "title": "启动流程 / Start a flow",
                 "required": ["flow"], "additionalProperties": false,
                 "properties": {
                   "flow": {"type": "string", "title": "流程 ID / Flow id", "format": "uuid"},
                   "form": {"type": ["string", "null"], "title": "表单 / Form", "maxLength": 64},
                   "record": {"type": ["string", "null"], "title": "记录 ID / Record id", "format": "uuid"},
                   "customer": {"type": ["string", "null"], "title": "客户 / Customer", "maxLength": 200}}}""");
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public JsonNode configSchema() {
        return schema;
    }

    @Override
    public ActionResult execute(ActionContext context, JsonNode config) throws Exception {
        if (context.appId() == null) {
            throw ProblemException.invalid("flow", "flow.action.noApp");
        }
        UUID flowId = uuid("flow", config.path("flow").asText(null));
        if (context.chainDepth() >= FlowTriggers.MAX_CHAIN_DEPTH) {
            throw ProblemException.conflict("flow.chainTooDeep", FlowTriggers.MAX_CHAIN_DEPTH);
        }
        FlowRepository.Published flow = flows.published(context.workspaceId(), context.appId(), flowId)
                .orElseThrow(() -> ProblemException.conflict("flow.notPublished", flowId.toString()));
        UUID record = config.hasNonNull("record") ? uuid("record", config.path("record").asText()) : null;
        String form = record == null ? null : config.path("form").asText(null);
        String key = "action:" + context.idempotencyKey();
        Optional<FlowInstance> started = engine.start(new FlowEngine.Start(flow, key, form, record,
                config.hasNonNull("customer") ? config.path("customer").asText() : null, null, context.chainDepth() + 1));
        UUID instance = started.isPresent() ? started.get().id()
                : instances.instanceOf(context.workspaceId(), key, flowId).orElseThrow();
        return new ActionResult(json.createObjectNode().put("instanceId", instance.toString()),
                "started flow " + flow.name() + ": " + instance);
    }

    private static UUID uuid(String field, String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.invalid(field, "flow.action.id");
        }
    }
}
