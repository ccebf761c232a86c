package io.qiaoban.form.query;

import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldTypes;
import io.qiaoban.form.schema.FormSchema;
import io.qiaoban.form.schema.Storage;
import java.util.List;

/**
 * The order of a record list: one field or record property, ascending or descending ("-amount"),
 * then the record id so the order is total and a cursor can continue it. Nulls sort last going up
 * and first going down (PostgreSQL's defaults, which an index scan serves in both directions).
 */
public record RecordSort(String spec, String sql, Storage storage, boolean column, boolean descending) {
    public static final String DEFAULT = "-createdAt";

    public static RecordSort parse(String spec, FormSchema schema, FieldTypes types) {
        String s = spec == null || spec.isBlank() ? DEFAULT : spec.strip();
        boolean desc = s.startsWith("-");
        String name = desc || s.startsWith("+") ? s.substring(1) : s;
        switch (name) {
            case "createdAt":
                return new RecordSort(s, "r.created_at", Storage.DATETIME, true, desc);
            case "updatedAt":
                return new RecordSort(s, "r.updated_at", Storage.DATETIME, true, desc);
            default:
                FieldDefinition field = schema.field(name).orElseThrow(() -> invalid("form.filter.unknownField", name));
                Storage storage = types.storage(field);
                if (!storage.scalar()) {
                    throw invalid("form.sort.notSortable", field.label());
                }
                return new RecordSort(s, FieldSql.expression("r.", name, storage), storage, false, desc);
        }
    }

    public String orderBy() {
        String dir = descending ? " desc" : " asc";
        return sql + dir + ", r.id" + dir;
    }

    /** The sort value of a row as text, for the cursor. */
    public String valueSelect() {
        return column ? "to_char(" + sql + " at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')" : sql + "::text";
    }

    /** The condition for rows after one with this sort value (null: the row had no value) and id. */
    public SqlFragment after(String value, java.util.UUID id) {
        String cmp = descending ? "<" : ">";
        String placeholder = column ? "?::timestamptz" : switch (storage) {
            case NUMBER -> "?::numeric";
            case BOOLEAN -> "?::boolean";
            default -> "?";
        };
        if (column) {
            return new SqlFragment("(" + sql + ", r.id) " + cmp + " (" + placeholder + ", ?)", List.of(value, id));
        }
        if (value == null) {
            return descending
                    ? new SqlFragment("((" + sql + " is null and r.id < ?) or " + sql + " is not null)", List.of(id))
                    : new SqlFragment("(" + sql + " is null and r.id > ?)", List.of(id));
        }
        String rows = "(" + sql + " " + cmp + " " + placeholder + " or (" + sql + " = " + placeholder + " and r.id " + cmp + " ?)";
        return descending
                ? new SqlFragment(rows + ")", List.of(value, value, id))
                : new SqlFragment(rows + " or " + sql + " is null)", List.of(value, value, id));
    }

    /** Refuses a cursor value that cannot be this sort's value (a tampered cursor), before it reaches SQL. */
    public void checkCursorValue(String value) {
        if (value == null && !column) {
            return;
        }
        try {
            if (column) {
                java.time.Instant.parse(value);
            } else if (storage == Storage.NUMBER) {
                new java.math.BigDecimal(value);
            } else if (storage == Storage.BOOLEAN && !value.equals("true") && !value.equals("false")) {
                throw new IllegalArgumentException();
            }
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "form.query.cursor");
        }
    }

    private static ProblemException invalid(String code, String arg) {
        return new ProblemException(400, "validation",
                List.of(FieldError.of("sort", code, arg.length() > 64 ? arg.substring(0, 64) + "…" : arg)));
    }
}
