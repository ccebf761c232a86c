package io.qiaoban.core.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.auth.Digests;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs actions: checks the config against the action's schema, then executes once per idempotency
 * key. The result is stored under the key in the caller's transaction, so a retry after a crash
 * either finds the stored result (the first run committed) or runs again (it did not).
 */
@ApplicationScoped
public class ActionExecutor {
    private final ActionRegistry registry;
    private final AgroalDataSource db;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, Validator> validators = new ConcurrentHashMap<>();

    ActionExecutor(ActionRegistry registry, AgroalDataSource db, ObjectMapper json, Clock clock) {
        this.registry = registry;
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(value = Transactional.TxType.REQUIRED, rollbackOn = Exception.class)
    public ActionResult execute(String key, ActionContext context, JsonNode config) throws Exception {
        Action action = registry.find(key).orElseThrow(() -> ProblemException.invalid("action", "unknown-action", key));
        validate(action, config);
        if (context.idempotencyKey() == null || context.idempotencyKey().isBlank()) {
            throw new IllegalArgumentException("An action runs with an idempotency key");
        }
        // keys are chosen by callers, sometimes by clients: one tenant's key never meets another's
        String storedKey = Digests.sha256Hex(context.workspaceId() + "|" + key + "|" + context.idempotencyKey());
        if (!claim(storedKey, key)) {
            // a run with this key committed (a concurrent one made us wait on its row until it did)
            return previousResult(storedKey);
        }
        ActionResult result = action.execute(context, config);
        store(storedKey, result);
        return result;
    }

    /** Takes the key in this transaction; false when a committed run already holds it. */
    private boolean claim(String storedKey, String action) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into action_execution (idempotency_key, action, result, executed_at)
                values (?, ?, 'null'::jsonb, ?) on conflict (idempotency_key) do nothing""")) {
            ps.setString(1, storedKey);
            ps.setString(2, action);
            ps.setTimestamp(3, Timestamp.from(clock.instant()));
            return ps.executeUpdate() == 1;
        }
    }

    /** Validates a config for the editors; throws a 400 problem naming each offending field. */
    public void validate(Action action, JsonNode config) {
        Validator validator = validators.computeIfAbsent(action.key(), k -> Validator.create(
                JsonSchema.of(new JsonObject(action.configSchema().toString())),
                new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://qiaoban.io/actions/")
                        .setOutputFormat(io.vertx.json.schema.OutputFormat.Basic)));
        // arrays and scalars are valid JSON too: let the schema judge them, not the parser
        OutputUnit out = validator.validate(config == null ? null : io.vertx.core.json.Json.decodeValue(config.toString()));
        if (!Boolean.TRUE.equals(out.getValid())) {
            List<FieldError> errors = out.getErrors() == null ? List.of()
                    : out.getErrors().stream()
                            .map(e -> new FieldError(pointerToField(e.getInstanceLocation()), "schema", e.getError()))
                            .toList();
            throw new ProblemException(400, "validation", errors.isEmpty()
                    ? List.of(new FieldError("config", "schema", null)) : errors, action.key());
        }
    }

    private static String pointerToField(String pointer) {
        if (pointer == null || pointer.isEmpty() || pointer.equals("#") || pointer.equals("/")) {
            return "config";
        }
        return "config" + pointer.replaceFirst("^#", "").replace('/', '.');
    }

    private ActionResult previousResult(String storedKey) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select result::text from action_execution where idempotency_key = ?")) {
            ps.setString(1, storedKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                JsonNode stored = readTree(rs.getString(1));
                return new ActionResult(stored.path("output"), stored.path("summary").asText(null));
            }
        }
    }

    private void store(String storedKey, ActionResult result) throws SQLException {
        ObjectNode stored = json.createObjectNode();
        stored.set("output", result.output());
        stored.put("summary", result.summary());
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update action_execution set result = ?::jsonb where idempotency_key = ?")) {
            ps.setString(1, stored.toString());
            ps.setString(2, storedKey);
            ps.executeUpdate();
        }
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
