package io.qiaoban.form.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.form.query.SqlFragment.SqlArray;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldTypes;
import io.qiaoban.form.schema.FormSchema;
import io.qiaoban.form.schema.InvalidValue;
import io.qiaoban.form.schema.Storage;
import io.qiaoban.form.schema.ValueContext;
import io.qiaoban.form.schema.types.DateTimeType;
import io.qiaoban.form.schema.types.ReferenceType;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Compiles the shared filter language to parameterised SQL over a record's JSONB:
 * {@code {"and"|"or": [...]}, {"not": {...}}, {"field", "op", "value"}} with the operators eq, ne, gt,
 * gte, lt, lte, in, not_in, contains, starts_with, is_empty, between, within_days, before, after.
 * A field is a field key, a record property (id, createdAt, updatedAt, createdBy, updatedBy), or
 * "relation.field" to filter on the record a relation points to. "$me" stands for the current user on
 * member fields; on department fields "$myDepartments" ("one of mine") and "$myDepartmentsAndBelow"
 * (also their sub-departments) compare with eq/ne, so a row filter can say "records of my department".
 * Field keys are checked against the form before they reach SQL; values are always parameters.
 */
public final class FilterCompiler {
    public static final int MAX_CONDITIONS = 50;
    public static final int MAX_DEPTH = 8;
    static final int MAX_LIST = 500;
    static final int MAX_TEXT = 1000;
    public static final String ME = "$me";
    public static final String MY_DEPARTMENTS = "$myDepartments";
    public static final String MY_DEPARTMENTS_AND_BELOW = "$myDepartmentsAndBelow";
    private static final String DEPARTMENTS_OF_USER = "select dm.department_id::text from department_member dm where dm.user_id = ?";
    private static final String DEPARTMENTS_OF_USER_AND_BELOW = "with recursive below(id) as ("
            + "select dm.department_id from department_member dm where dm.user_id = ? union "
            + "select d.id from department d join below on d.parent_id = below.id) select id::text from below";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Storage, Set<String>> OPS = Map.of(
            Storage.TEXT, Set.of("eq", "ne", "in", "not_in", "contains", "starts_with", "is_empty", "gt", "gte", "lt", "lte"),
            Storage.NUMBER, Set.of("eq", "ne", "gt", "gte", "lt", "lte", "in", "not_in", "between", "is_empty"),
            Storage.BOOLEAN, Set.of("eq", "ne", "is_empty"),
            Storage.DATE, Set.of("eq", "ne", "gt", "gte", "lt", "lte", "between", "within_days", "before", "after", "is_empty"),
            Storage.DATETIME, Set.of("eq", "ne", "gt", "gte", "lt", "lte", "between", "within_days", "before", "after", "is_empty"),
            Storage.TEXT_LIST, Set.of("eq", "ne", "contains", "in", "not_in", "is_empty"),
            Storage.STRUCTURED, Set.of("is_empty"));
    private static final Set<String> UUID_OPS = Set.of("eq", "ne", "in", "not_in");

    private final FieldTypes types;

    public FilterCompiler(FieldTypes types) {
        this.types = types;
    }

    /** The filter as a condition on the record table aliased {@code r}; an absent filter is "true". */
    public SqlFragment compile(JsonNode filter, QueryContext context) {
        if (filter == null || filter.isNull() || filter.isMissingNode() || (filter.isObject() && filter.isEmpty())) {
            return SqlFragment.TRUE;
        }
        Compilation c = new Compilation(context);
        String sql = c.node(filter, "filter", "r.", context.schema(), context.formId(), 0);
        return new SqlFragment(sql, c.params);
    }

    /** What a field resolves to: its SQL, how it compares, and its definition (null for record properties). */
    record Operand(String sql, Storage storage, FieldDefinition field, Column column) {
    }

    /** Record properties that are columns, not JSON. */
    enum Column { NONE, TIMESTAMP, ID }

    private final class Compilation {
        QueryContext context;
        final List<Object> params = new ArrayList<>();
        int conditions;
        int aliases;

        Compilation(QueryContext context) {
            this.context = context;
        }

        String node(JsonNode node, String path, String alias, FormSchema schema, UUID formId, int depth) {
            if (depth > MAX_DEPTH || ++conditions > MAX_CONDITIONS) {
                throw invalid(path, "form.filter.tooComplex", MAX_CONDITIONS, MAX_DEPTH);
            }
            if (!node.isObject()) {
                throw invalid(path, "form.filter.shape");
            }
            if (node.has("and") || node.has("or")) {
                String op = node.has("and") ? "and" : "or";
                JsonNode items = node.get(op);
                if (node.size() != 1 || !items.isArray() || items.isEmpty()) {
                    throw invalid(path, "form.filter.shape");
                }
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    parts.add(node(items.get(i), path + "." + op + "[" + i + "]", alias, schema, formId, depth + 1));
                }
                return "(" + String.join(" " + op + " ", parts) + ")";
            }
            if (node.has("not")) {
                if (node.size() != 1) {
                    throw invalid(path, "form.filter.shape");
                }
                return "(not coalesce(" + node(node.get("not"), path + ".not", alias, schema, formId, depth + 1) + ", false))";
            }
            return condition(node, path, alias, schema);
        }

        String condition(JsonNode node, String path, String alias, FormSchema schema) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                if (!Set.of("field", "op", "value").contains(names.next())) {
                    throw invalid(path, "form.filter.shape");
                }
            }
            if (!node.path("field").isTextual() || !node.path("op").isTextual()) {
                throw invalid(path, "form.filter.shape");
            }
            String name = node.get("field").asText();
            int dot = name.indexOf('.');
            if (dot > 0) {
                return related(node, path, alias, schema, name.substring(0, dot), name.substring(dot + 1));
            }
            Operand operand = operand(name, alias, schema, path + ".field");
            return comparison(operand, node.get("op").asText(), node.get("value"), path, alias);
        }

        /** A condition on the record a relation field points to: "customer.level". */
        String related(JsonNode node, String path, String alias, FormSchema schema, String relationKey, String fieldKey) {
            Optional<FieldDefinition> relation = schema.field(relationKey);
            if (relation.isEmpty() || !"relation".equals(relation.get().type())) {
                throw invalid(path + ".field", "form.filter.unknownField", clip(relationKey));
            }
            QueryContext.Related target = context.related().find(relation.get().option("form").asText())
                    .orElseThrow(() -> invalid(path + ".field", "form.filter.unknownField", clip(relationKey)));
            String inner = "r" + (++aliases) + ".";
            Operand operand = operand(fieldKey, inner, target.schema(), path + ".field");
            String link = ReferenceType.multiple(relation.get())
                    ? "jsonb_exists(" + FieldSql.expression(alias, relationKey, Storage.TEXT_LIST) + ", " + inner + "id::text)"
                    : inner + "id = " + FieldSql.expression(alias, relationKey, Storage.TEXT) + "::uuid";
            // the form id's bind marker (?) comes before the condition's own in the SQL, so it is bound first
            params.add(target.formId());
            String condition = comparison(operand, node.get("op").asText(), node.get("value"), path, inner);
            if (target.rowFilter() != null) {
                condition += " and " + rowFilterOf(target, inner);
            }
            String table = inner.substring(0, inner.length() - 1);
            return "exists (select 1 from record " + table + " where " + inner + "form_id = ? and " + inner
                    + "workspace_id = " + alias + "workspace_id and " + inner + "deleted_at is null and " + link + " and "
                    + condition + ")";
        }

        /**
         * The caller's row filter on the related form, on its records aliased {@code inner}: compiled as that
         * form's own (its whole schema, its relations), and not counted against the caller's filter.
         */
        String rowFilterOf(QueryContext.Related target, String inner) {
            QueryContext outer = context;
            int counted = conditions;
            context = target.rowFilterContext();
            try {
                return node(target.rowFilter(), "rowFilter", inner, context.schema(), context.formId(), 0);
            } finally {
                context = outer;
                conditions = counted;
            }
        }

        Operand operand(String name, String alias, FormSchema schema, String path) {
            switch (name) {
                case "createdAt":
                    return new Operand(alias + "created_at", Storage.DATETIME, null, Column.TIMESTAMP);
                case "updatedAt":
                    return new Operand(alias + "updated_at", Storage.DATETIME, null, Column.TIMESTAMP);
                case "createdBy":
                    return new Operand(alias + "created_by", Storage.TEXT, null, Column.ID);
                case "updatedBy":
                    return new Operand(alias + "updated_by", Storage.TEXT, null, Column.ID);
                case "id":
                    return new Operand(alias + "id", Storage.TEXT, null, Column.ID);
                default:
                    FieldDefinition field = schema.field(name)
                            .orElseThrow(() -> invalid(path, "form.filter.unknownField", clip(name)));
                    Storage storage = types.storage(field);
                    return new Operand(FieldSql.expression(alias, name, storage), storage, field, Column.NONE);
            }
        }

        String comparison(Operand o, String op, JsonNode value, String path, String alias) {
            boolean allowed = o.column() == Column.ID ? UUID_OPS.contains(op)
                    : OPS.get(o.storage()).contains(op) && (o.field() != null || !op.equals("is_empty"));
            if (!allowed) {
                throw invalid(path + ".op", "form.filter.op", clip(op));
            }
            String at = path + ".value";
            if (op.equals("is_empty")) {
                boolean empty = value == null || value.isNull() || value.asBoolean(true);
                String key = FieldSql.literal(o.field().key());
                String isEmpty = "(" + alias + "data->" + key + " is null or " + alias + "data->" + key
                        + " in ('null'::jsonb, '\"\"'::jsonb, '[]'::jsonb, '{}'::jsonb))";
                return empty ? isEmpty : "(not " + isEmpty + ")";
            }
            if (isMyDepartments(o, value)) {
                return myDepartments(o, op, value, at);
            }
            if (o.storage() == Storage.TEXT_LIST) {
                return listComparison(o, op, value, at, alias);
            }
            switch (op) {
                case "eq":
                    return o.sql() + " = " + param(o, value, at);
                case "ne":
                    return o.sql() + " is distinct from " + param(o, value, at);
                case "gt", "after":
                    return o.sql() + " > " + param(o, value, at);
                case "gte":
                    return o.sql() + " >= " + param(o, value, at);
                case "lt", "before":
                    return o.sql() + " < " + param(o, value, at);
                case "lte":
                    return o.sql() + " <= " + param(o, value, at);
                case "in":
                    return o.sql() + " = any(" + arrayParam(o, value, at) + ")";
                case "not_in":
                    return "(" + o.sql() + " is null or not (" + o.sql() + " = any(" + arrayParam(o, value, at) + ")))";
                case "contains":
                    params.add("%" + likeEscape(text(value, at)) + "%");
                    return o.sql() + " ilike ? escape '\\'";
                case "starts_with":
                    params.add(likeEscape(text(value, at)) + "%");
                    return o.sql() + " like ? escape '\\'";
                case "between": {
                    if (value == null || !value.isArray() || value.size() != 2) {
                        throw invalid(at, "form.filter.between");
                    }
                    String low = param(o, value.get(0), at + "[0]");
                    String high = param(o, value.get(1), at + "[1]");
                    return o.sql() + " between " + low + " and " + high;
                }
                case "within_days":
                    return withinDays(o, value, at);
                default:
                    throw invalid(path + ".op", "form.filter.op", clip(op));
            }
        }

        String listComparison(Operand o, String op, JsonNode value, String at, String alias) {
            switch (op) {
                case "eq", "contains": {
                    params.add(element(o, value, at));
                    return "coalesce(jsonb_exists(" + o.sql() + ", ?), false)";
                }
                case "ne": {
                    params.add(element(o, value, at));
                    return "not coalesce(jsonb_exists(" + o.sql() + ", ?), false)";
                }
                case "in", "not_in": {
                    if (value == null || !value.isArray() || value.isEmpty() || value.size() > MAX_LIST) {
                        throw invalid(at, "form.filter.list", MAX_LIST);
                    }
                    List<String> items = new ArrayList<>();
                    for (int i = 0; i < value.size(); i++) {
                        items.add(element(o, value.get(i), at + "[" + i + "]"));
                    }
                    params.add(new SqlArray("text", items));
                    String any = "coalesce(jsonb_exists_any(" + o.sql() + ", ?), false)";
                    return op.equals("in") ? any : "not " + any;
                }
                default:
                    throw invalid(at, "form.filter.op", clip(op));
            }
        }

        boolean isMyDepartments(Operand o, JsonNode value) {
            return value != null && value.isTextual() && o.field() != null && "department".equals(o.field().type())
                    && (value.asText().equals(MY_DEPARTMENTS) || value.asText().equals(MY_DEPARTMENTS_AND_BELOW));
        }

        /** "Is one of my departments": the caller's departments come from a subquery, not from the request. */
        String myDepartments(Operand o, String op, JsonNode value, String at) {
            if (!op.equals("eq") && !op.equals("ne")) {
                throw invalid(at, "form.filter.value");
            }
            params.add(me(at));
            String mine = value.asText().equals(MY_DEPARTMENTS) ? DEPARTMENTS_OF_USER : DEPARTMENTS_OF_USER_AND_BELOW;
            String test = o.storage() == Storage.TEXT_LIST
                    ? "coalesce(jsonb_exists_any(" + o.sql() + ", array(" + mine + ")), false)"
                    : "coalesce(" + o.sql() + " in (" + mine + "), false)";
            return op.equals("eq") ? test : "not " + test;
        }

        String withinDays(Operand o, JsonNode value, String at) {
            if (value == null || !value.canConvertToInt() || Math.abs(value.asInt()) > 36_600) {
                throw invalid(at, "form.filter.days");
            }
            int days = value.asInt();
            Instant now = context.now();
            Instant from = days >= 0 ? now.minus(days, ChronoUnit.DAYS) : now;
            Instant to = days >= 0 ? now : now.plus(-days, ChronoUnit.DAYS);
            if (o.storage() == Storage.DATE) {
                params.add(LocalDate.ofInstant(from, context.zone()).toString());
                params.add(LocalDate.ofInstant(to, context.zone()).toString());
            } else if (o.column() == Column.TIMESTAMP) {
                params.add(Timestamp.from(from));
                params.add(Timestamp.from(to));
            } else {
                params.add(DateTimeType.format(from));
                params.add(DateTimeType.format(to));
            }
            return o.sql() + " between ? and ?";
        }

        /** One value as a parameter of the operand's type; returns its bind marker ("?", cast to the type). */
        String param(Operand o, JsonNode value, String at) {
            params.add(scalar(o, value, at));
            return o.storage() == Storage.NUMBER ? "?::numeric" : o.column() == Column.ID ? "?::uuid" : "?";
        }

        String arrayParam(Operand o, JsonNode value, String at) {
            if (value == null || !value.isArray() || value.isEmpty() || value.size() > MAX_LIST) {
                throw invalid(at, "form.filter.list", MAX_LIST);
            }
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                items.add(scalar(o, value.get(i), at + "[" + i + "]"));
            }
            String type = o.storage() == Storage.NUMBER ? "numeric" : o.column() == Column.ID ? "uuid"
                    : o.column() == Column.TIMESTAMP ? "timestamptz" : o.storage() == Storage.BOOLEAN ? "boolean" : "text";
            params.add(new SqlArray(type, items));
            return "?";
        }

        Object scalar(Operand o, JsonNode value, String at) {
            if (value == null || value.isNull() || value.isContainerNode()) {
                throw invalid(at, "form.filter.value");
            }
            if (o.column() == Column.ID) {
                if (ME.equals(value.asText())) {
                    return me(at);
                }
                try {
                    return UUID.fromString(value.asText());
                } catch (IllegalArgumentException e) {
                    throw invalid(at, "form.filter.value");
                }
            }
            try {
                switch (o.storage()) {
                    case NUMBER:
                        return types.type("number").normalize(plainNumber(), value, ValueContext.of(context.zone())).decimalValue();
                    case BOOLEAN:
                        if (!value.isBoolean()) {
                            throw invalid(at, "form.filter.value");
                        }
                        return value.booleanValue();
                    case DATE:
                        return types.type("date").normalize(o.field(), value, ValueContext.of(context.zone())).asText();
                    case DATETIME: {
                        String text = value.asText();
                        JsonNode moment = text.length() == 10 ? TextNode.valueOf(text + "T00:00") : value;
                        String stored = types.type("datetime").normalize(o.field(), moment, ValueContext.of(context.zone())).asText();
                        return o.column() == Column.TIMESTAMP ? Timestamp.from(Instant.parse(stored)) : stored;
                    }
                    default:
                        if (ME.equals(value.asText()) && o.field() != null && "member".equals(o.field().type())) {
                            return me(at).toString();
                        }
                        return text(value, at);
                }
            } catch (InvalidValue e) {
                throw invalid(at, "form.filter.value");
            }
        }

        String element(Operand o, JsonNode value, String at) {
            if (value != null && ME.equals(value.asText()) && o.field() != null && "member".equals(o.field().type())) {
                return me(at).toString();
            }
            return text(value, at);
        }

        UUID me(String at) {
            if (context.userId() == null) {
                throw invalid(at, "form.filter.value");
            }
            return context.userId();
        }

        String text(JsonNode value, String at) {
            if (value == null || !(value.isTextual() || value.isNumber()) || value.asText().length() > MAX_TEXT) {
                throw invalid(at, "form.filter.value");
            }
            return value.asText();
        }
    }

    private static FieldDefinition plainNumber() {
        return new FieldDefinition("n", "n", "number", null, null, null, null, null, null,
                JSON.createObjectNode().put("decimals", 10));
    }

    static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static String clip(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }

    static ProblemException invalid(String path, String code, Object... args) {
        return new ProblemException(400, "validation", List.of(FieldError.of(path, code, args)));
    }
}
