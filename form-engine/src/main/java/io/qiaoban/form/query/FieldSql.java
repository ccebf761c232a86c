package io.qiaoban.form.query;

import io.qiaoban.form.schema.FieldTypes;
import io.qiaoban.form.schema.Storage;

/**
 * The SQL expression that reads a field from a record's JSONB, typed for comparison. Filters, sorts
 * and expression indexes use exactly these texts, so that PostgreSQL matches a filter to its index.
 * The field key is written into the SQL, which is safe only because a key can hold nothing but
 * letters, digits and underscores ({@link FieldTypes#KEY}); it is checked again here, and values
 * never are: they are always bind parameters.
 */
public final class FieldSql {
    private FieldSql() {
    }

    public static String expression(String key, Storage storage) {
        return expression("", key, storage);
    }

    /** The same, on a table alias ("r."): PostgreSQL matches expressions to indexes by structure, not text. */
    public static String expression(String alias, String key, String storage) {
        return expression(alias, key, Storage.valueOf(storage));
    }

    public static String expression(String alias, String key, Storage storage) {
        String text = "(" + alias + "data->>" + literal(key) + ")";
        return switch (storage) {
            case NUMBER -> "(" + text + "::numeric)";
            case BOOLEAN -> "(" + text + "::boolean)";
            case TEXT_LIST, STRUCTURED -> "(" + alias + "data->" + literal(key) + ")";
            default -> text;
        };
    }

    /** A field key as an SQL string literal; refuses anything but a valid key. */
    public static String literal(String key) {
        if (key == null || !FieldTypes.KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a field key");
        }
        return "'" + key + "'";
    }
}
