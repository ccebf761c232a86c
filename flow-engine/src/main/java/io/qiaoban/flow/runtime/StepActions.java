package io.qiaoban.flow.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.core.action.ActionContext;
import io.qiaoban.core.action.ActionExecutor;
import io.qiaoban.core.action.ActionResult;
import io.qiaoban.flow.graph.FlowNode;
import io.qiaoban.flow.message.MessageSendAction;
import io.qiaoban.flow.message.QuietHours;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs an action node: its config is the node's config without "action", with "=" formulas evaluated
 * and the instance's record filled in where a record action leaves it out ("update this record").
 * The idempotency key is instance + node + visit: a replayed step gets the stored result back.
 */
@ApplicationScoped
public class StepActions {
    private final ActionExecutor executor;
    private final FlowFacts facts;
    private final QuietHours quietHours;
    private final ObjectMapper json;

    StepActions(ActionExecutor executor, FlowFacts facts, QuietHours quietHours, ObjectMapper json) {
        this.executor = executor;
        this.facts = facts;
        this.quietHours = quietHours;
        this.json = json;
    }

    /** When a marketing message would go out at night: the morning it waits for. */
    Optional<Instant> deferredUntil(FlowEngine.Run run, FlowNode node) {
        if (!MessageSendAction.KEY.equals(node.config().path("action").asText()) || !MessageSendAction.marketing(node.config())) {
            return Optional.empty();
        }
        return quietHours.deferredUntil(run.instance.workspaceId(), run.now);
    }

    JsonNode run(FlowEngine.Run run, FlowStep step, FlowNode node) throws Exception {
        String key = node.config().path("action").asText();
        ObjectNode config = node.config().deepCopy();
        config.remove("action");
        ObjectNode resolved = (ObjectNode) facts.resolve(run, config, "nodes." + node.id() + ".config");
        FlowInstance instance = run.instance;
        switch (key) {
            case "record.update", "tag.add" -> {
                putIfAbsent(resolved, "form", instance.subjectForm());
                putIfAbsent(resolved, "record", instance.subjectRecord() == null ? null : instance.subjectRecord().toString());
            }
            case "record.create" -> putIfAbsent(resolved, "form", instance.subjectForm());
            case FlowStartAction.KEY -> {
                // the started flow is about the same record and customer unless the config says otherwise
                if (!resolved.has("record")) {
                    putIfAbsent(resolved, "form", instance.subjectForm());
                    putIfAbsent(resolved, "record", instance.subjectRecord() == null ? null : instance.subjectRecord().toString());
                }
                putIfAbsent(resolved, "customer", instance.customerKey());
            }
            case MessageSendAction.KEY -> {
                resolved.put("instance", instance.id().toString());
                putIfAbsent(resolved, "to", instance.customerKey());
            }
            default -> {
            }
        }
        ActionResult result = executor.execute(key, new ActionContext(instance.workspaceId(), instance.appId(), step.effectKey(),
                "flow:" + instance.flowId() + ":" + instance.id(),
                run.variables.path(FlowEngine.CHAIN_DEPTH).asInt(0)), resolved);
        ObjectNode output = json.createObjectNode();
        output.set("output", result == null ? null : result.output());
        output.put("summary", result == null ? null : result.summary());
        return output;
    }

    private static void putIfAbsent(ObjectNode config, String field, String value) {
        if (!config.hasNonNull(field) && value != null) {
            config.put(field, value);
        }
    }
}
