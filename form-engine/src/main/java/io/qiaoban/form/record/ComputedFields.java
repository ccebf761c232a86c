package io.qiaoban.form.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.expression.CompiledExpression;
import io.qiaoban.core.expression.ExpressionContext;
import io.qiaoban.core.expression.ExpressionException;
import io.qiaoban.core.expression.ExpressionService;
import io.qiaoban.form.form.FormRepository;
import io.qiaoban.form.form.PublishedForm;
import io.qiaoban.form.form.StoredForm;
import io.qiaoban.form.query.FieldSql;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldTypes;
import io.qiaoban.form.schema.FormSchema;
import io.qiaoban.form.schema.FormulaContext;
import io.qiaoban.form.schema.InvalidValue;
import io.qiaoban.form.schema.Storage;
import io.qiaoban.form.schema.ValueContext;
import io.qiaoban.form.schema.types.SerialType;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Fills the computed fields of a record before it is stored: serial numbers (on create), lookups
 * (copied from the related record), rollups (aggregated over the records pointing here) and
 * formulas (in field order, after the others, so a formula can read a rollup). Stored values make
 * lists and filters as fast on computed columns as on typed ones.
 */
@ApplicationScoped
public class ComputedFields {
    private static final Logger LOG = Logger.getLogger(ComputedFields.class);
    private final AgroalDataSource db;
    private final ExpressionService expressions;
    private final FormRepository forms;
    private final RecordRepository records;
    private final ObjectMapper json;
    private final FieldTypes types = FieldTypes.standard();
    private final FormulaContext formulas = new FormulaContext(types);
    /** Formulas by schema and field index; weak keys compare by identity and go with their schema. */
    private final Cache<FormSchema, Map<Integer, CompiledExpression>> compiledFormulas = Caffeine.newBuilder().weakKeys()
            .maximumSize(5_000).build();

    ComputedFields(AgroalDataSource db, ExpressionService expressions, FormRepository forms, RecordRepository records,
            ObjectMapper json) {
        this.db = db;
        this.json = json;
        this.expressions = expressions;
        this.forms = forms;
        this.records = records;
    }

    /** Sets every computed field of {@code data} (a record of {@code form}) in place. */
    public void compute(PublishedForm form, UUID recordId, ObjectNode data, boolean creating, Instant now, ZoneId zone,
            UUID userId) throws SQLException {
        FormSchema schema = form.schema();
        for (FieldDefinition field : schema.fields()) {
            switch (field.type()) {
                case "serial" -> {
                    if (creating || !data.hasNonNull(field.key())) {
                        LocalDate day = LocalDate.ofInstant(now, zone);
                        long n = records.nextSerial(form.formId(), field.key(), SerialType.period(field, day));
                        data.put(field.key(), SerialType.format(field, day, n));
                    }
                }
                case "lookup" -> set(data, field, lookup(form, schema, field, data));
                case "rollup" -> set(data, field, rollup(form, field, recordId));
                default -> {
                }
            }
        }
        for (int i = 0; i < schema.fields().size(); i++) {
            FieldDefinition field = schema.fields().get(i);
            if (field.type().equals("formula")) {
                set(data, field, formula(schema, i, field, data, now, zone, userId));
            }
        }
    }

    private static void set(ObjectNode data, FieldDefinition field, JsonNode value) {
        if (value == null || value.isNull()) {
            data.remove(field.key());
        } else {
            data.set(field.key(), value);
        }
    }

    private JsonNode lookup(PublishedForm form, FormSchema schema, FieldDefinition field, ObjectNode data) throws SQLException {
        FieldDefinition relation = schema.field(field.option("relation").asText()).orElse(null);
        JsonNode linked = relation == null ? null : data.get(relation.key());
        if (linked == null || !linked.isTextual()) {
            return null;
        }
        Optional<StoredForm> target = forms.findByKey(form.workspaceId(), form.appId(), relation.option("form").asText());
        if (target.isEmpty()) {
            return null;
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select data -> ? from record where workspace_id = ? and form_id = ? and id = ? and deleted_at is null")) {
            ps.setString(1, field.option("field").asText());
            ps.setObject(2, form.workspaceId());
            ps.setObject(3, target.get().id());
            ps.setObject(4, UUID.fromString(linked.asText()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return null;
                }
                return json.readTree(rs.getString(1));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private JsonNode rollup(PublishedForm form, FieldDefinition field, UUID recordId) throws SQLException {
        Optional<StoredForm> source = forms.findByKey(form.workspaceId(), form.appId(), field.option("form").asText());
        if (source.isEmpty()) {
            return null;
        }
        String fn = field.option("fn").asText();
        String via = FieldSql.expression("", field.option("via").asText(), Storage.TEXT);
        String measure = fn.equals("count") ? "count(*)"
                : fn + "(" + FieldSql.expression("", field.option("field").asText(), Storage.NUMBER) + ")";
        // the source form's id is written into the SQL (a UUID we hold) so its partial index on the relation matches
        String sql = "select " + measure + " from record where form_id = '" + source.get().id()
                + "' and deleted_at is null and workspace_id = ? and " + via + " = ?";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, form.workspaceId());
            ps.setString(2, recordId.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                BigDecimal value = rs.getBigDecimal(1);
                if (value == null) {
                    return fn.equals("sum") ? JsonNodeFactory.instance.numberNode(0) : null;
                }
                if (value.scale() > 10) {
                    value = value.setScale(10, RoundingMode.HALF_UP);
                }
                return types.type("rollup").normalize(field, JsonNodeFactory.instance.numberNode(value), null);
            } catch (InvalidValue e) {
                return null;
            }
        }
    }

    private JsonNode formula(FormSchema schema, int index, FieldDefinition field, ObjectNode data, Instant now, ZoneId zone,
            UUID userId) {
        try {
            // compiled once per cached published version, not looked up by source and context type each time
            CompiledExpression compiled = compiledFormulas.get(schema, s -> new ConcurrentHashMap<>()).computeIfAbsent(index,
                    i -> expressions.compile(field.option("expression").asText(), formulas.typeFor(schema, i)));
            Object value = expressions.evaluate(compiled, new ExpressionContext(formulas.variables(schema, data), now, zone, userId));
            JsonNode node = toJson(value);
            return node == null ? null : types.type("formula").normalize(field, node, ValueContext.of(zone));
        } catch (ExpressionException | InvalidValue e) {
            // like a spreadsheet cell showing an error: the record is saved, the formula's value stays empty
            LOG.debugf("Formula %s of form %s gave no value: %s", field.key(), schema.key(), e.getMessage());
            return null;
        }
    }

    private static JsonNode toJson(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return JsonNodeFactory.withExactBigDecimals(true).numberNode(d);
        }
        if (value instanceof Number n) {
            return JsonNodeFactory.instance.numberNode(new BigDecimal(n.toString()));
        }
        if (value instanceof Boolean b) {
            return BooleanNode.valueOf(b);
        }
        return TextNode.valueOf(value.toString());
    }
}
