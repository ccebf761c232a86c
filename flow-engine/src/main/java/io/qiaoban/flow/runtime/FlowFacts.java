package io.qiaoban.flow.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiaoban.core.expression.CompiledExpression;
import io.qiaoban.core.expression.ConfigFormulas;
import io.qiaoban.core.expression.ExpressionContext;
import io.qiaoban.core.expression.ExpressionContextType;
import io.qiaoban.core.expression.ExpressionException;
import io.qiaoban.core.expression.ExpressionService;
import io.qiaoban.core.record.RecordAccess;
import io.qiaoban.core.record.RecordData;
import io.qiaoban.core.record.RecordScope;
import io.qiaoban.core.workspace.WorkspaceZones;
import io.qiaoban.flow.graph.FlowEdge;
import io.qiaoban.flow.graph.FlowNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a flow's expressions read and how they are evaluated: the instance's record as it is now (its
 * fields at the top level, so a condition reads {@code orderCount > 1}), {@code steps} (what each
 * action returned, by node id), {@code instance} (id, start, customer) and {@code decision} (the last
 * approval's outcome). Conditions and "=" formulas in action configs run in the Expression service's
 * sandbox, in the workspace's time zone.
 */
@ApplicationScoped
public class FlowFacts {
    private final RecordAccess records;
    private final ExpressionService expressions;
    private final WorkspaceZones zones;
    private final ObjectMapper json;

    FlowFacts(RecordAccess records, ExpressionService expressions, WorkspaceZones zones, ObjectMapper json) {
        this.records = records;
        this.expressions = expressions;
        this.zones = zones;
        this.json = json;
    }

    /**
     * The fields of the instance's record, read with the app's authority, every field of its form
     * present (null when empty: "note == '退订'" must not fail on a record without a note); empty when
     * there is none or it was deleted.
     */
    public Map<String, Object> record(FlowInstance instance) {
        if (instance.subjectRecord() == null || instance.subjectForm() == null) {
            return Map.of();
        }
        RecordScope scope = new RecordScope(instance.workspaceId(), instance.appId(), instance.subjectForm(), null);
        Optional<RecordData> found = records.find(scope, instance.subjectRecord());
        if (found.isEmpty()) {
            return Map.of();
        }
        return fields(records.fieldKeys(scope), found.get());
    }

    /** A record's values with every field of its form present, null when empty: what expressions read. */
    public Map<String, Object> fields(List<String> fieldKeys, RecordData record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fieldKeys.forEach(key -> fields.put(key, null));
        fields.putAll(json.convertValue(record.data(), new TypeReference<Map<String, Object>>() {
        }));
        return fields;
    }

    /** The edge a condition takes: the first whose expression holds, else its "else" edge. */
    FlowEdge branch(FlowEngine.Run run, FlowNode node) throws SQLException {
        Map<String, Object> variables = variables(run);
        ExpressionContext context = context(run, variables);
        ExpressionContextType type = type(variables);
        FlowEdge otherwise = null;
        for (FlowEdge edge : run.graph.leaving(node.id())) {
            if ("else".equals(edge.when())) {
                otherwise = edge;
                continue;
            }
            CompiledExpression compiled = expressions.compile(edge.when(), type);
            if (yesOrNo(expressions.evaluate(compiled, context))) {
                return edge;
            }
        }
        if (otherwise == null) {
            throw new IllegalStateException("A published condition without an else edge: " + node.id());
        }
        return otherwise;
    }

    /** Whether a yes/no expression of the flow (its exit condition) holds for the instance now. */
    boolean holds(FlowEngine.Run run, String expression) throws SQLException {
        Map<String, Object> variables = variables(run);
        return yesOrNo(expressions.evaluate(expressions.compile(expression, type(variables)), context(run, variables)));
    }

    private static boolean yesOrNo(Object value) {
        if (!(value instanceof Boolean)) {
            throw new ExpressionException("flow.runtime.conditionNotBoolean", -1, value == null ? "null" : value.getClass().getSimpleName());
        }
        return (Boolean) value;
    }

    /** An action's config with its "=" formulas evaluated against the instance. */
    JsonNode resolve(FlowEngine.Run run, JsonNode config, String field) throws SQLException {
        Map<String, Object> variables = variables(run);
        ExpressionContext context = context(run, variables);
        ExpressionContextType type = type(variables);
        return ConfigFormulas.resolve(config, field,
                (at, source) -> json.valueToTree(expressions.evaluate(expressions.compile(source, type), context)));
    }

    private Map<String, Object> variables(FlowEngine.Run run) throws SQLException {
        Map<String, Object> variables = new LinkedHashMap<>(run.record());
        Map<String, Object> instance = new LinkedHashMap<>();
        instance.put("id", run.instance.id().toString());
        instance.put("startedAt", run.instance.startedAt().toString());
        instance.put("customer", run.instance.customerKey());
        instance.put("recordId", run.instance.subjectRecord() == null ? null : run.instance.subjectRecord().toString());
        variables.put("instance", instance);
        JsonNode steps = run.variables.path("steps");
        variables.put("steps", steps.isObject() ? json.convertValue(steps, Map.class) : Map.of());
        variables.put("decision", run.variables.path("decision").asText(null));
        return variables;
    }

    private ExpressionContext context(FlowEngine.Run run, Map<String, Object> variables) {
        return new ExpressionContext(variables, run.now, zones.zone(run.instance.workspaceId()), null);
    }

    private static ExpressionContextType type(Map<String, Object> variables) {
        Map<String, Class<?>> names = new LinkedHashMap<>();
        variables.forEach((name, value) -> names.put(name,
                value instanceof Map<?, ?> ? Map.class : value instanceof List<?> ? List.class : Object.class));
        return new ExpressionContextType(names, Set.of());
    }
}
