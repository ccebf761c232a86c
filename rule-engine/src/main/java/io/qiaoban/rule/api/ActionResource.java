package io.qiaoban.rule.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiaoban.core.action.ActionRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.Comparator;
import java.util.List;

/** The registered actions and their config schemas, for the editors that build forms from them. */
@Path("/v1/actions")
public class ActionResource {
    public record ActionView(String key, JsonNode configSchema) {
    }

    private final ActionRegistry registry;

    ActionResource(ActionRegistry registry) {
        this.registry = registry;
    }

    @GET
    public List<ActionView> list() {
        return registry.all().stream().sorted(Comparator.comparing(a -> a.key()))
                .map(a -> new ActionView(a.key(), a.configSchema())).toList();
    }
}
