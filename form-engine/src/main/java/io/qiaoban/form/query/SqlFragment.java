package io.qiaoban.form.query;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** A piece of SQL and its bind parameters, in order. Values from users only ever travel as parameters. */
public record SqlFragment(String sql, List<Object> params) {
    public static final SqlFragment TRUE = new SqlFragment("true", List.of());

    public SqlFragment {
        params = List.copyOf(params);
    }

    /** Binds the parameters starting at the 1-based {@code index}; returns the next free index. */
    public int bind(PreparedStatement ps, int index) throws SQLException {
        for (Object p : params) {
            if (p instanceof SqlArray a) {
                ps.setArray(index++, ps.getConnection().createArrayOf(a.type(), a.values().toArray()));
            } else {
                ps.setObject(index++, p);
            }
        }
        return index;
    }

    /** An array parameter ("text", "numeric", "uuid"). */
    public record SqlArray(String type, List<?> values) {
    }
}
