package io.qiaoban.core.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** A test action with a real schema; counts how often it truly ran. */
@ApplicationScoped
public class GreetingAction implements Action {
    static final AtomicInteger RUNS = new AtomicInteger();
    private final JsonNode schema;

    GreetingAction(ObjectMapper json) throws Exception {
        schema = json.readTree("""
                {"type": "object", "required": ["to", "text"], "additionalProperties": false,
                 "properties": {"to": {"type": "string", "pattern": "^1[3-9][0-9]{9}$"},
                                "text": {"type": "string", "minLength": 1, "maxLength": 70}}}""");
    }

    @Override
    public String key() {
        return "test.greet";
    }

    @Override
    public JsonNode configSchema() {
        return schema;
    }

    @Override
    public ActionResult execute(ActionContext context, JsonNode config) {
        int run = RUNS.incrementAndGet();
        return new ActionResult(new ObjectMapper().createObjectNode().put("messageId", "m-" + run),
                "sent to " + config.get("to").asText());
    }
}
