package io.qiaoban.core.db;

/**
 * Rows for PostgreSQL's {@code COPY ... from stdin with (format csv)}: bulk writes send their values
 * as CSV data, never as SQL text. An unquoted empty field is NULL; a quoted one is the empty string.
 */
public final class CopyCsv {
    private CopyCsv() {
    }

    /** Appends {@code value} as one quoted CSV field (quotes doubled; commas and line breaks kept). */
    public static void quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"') {
                out.append('"');
            }
            out.append(ch);
        }
        out.append('"');
    }
}
