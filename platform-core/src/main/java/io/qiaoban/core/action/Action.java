package io.qiaoban.core.action;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A named operation that rules and flows can run: "record.create", "sms.send", "points.add"...
 * Engines and connectors provide actions as CDI beans; {@link ActionRegistry} finds them by key.
 * Run actions through {@link ActionExecutor}, which validates the config against
 * {@link #configSchema()} and makes a retried execution with the same idempotency key return the
 * first result instead of acting twice.
 */
public interface Action {
    /** Dotted and stable: it is stored in rules, flows and app packages. */
    String key();

    /** A JSON Schema (draft 2020-12) of the config this action accepts; shown by the no-code editors. */
    JsonNode configSchema();

    ActionResult execute(ActionContext context, JsonNode config) throws Exception;
}
