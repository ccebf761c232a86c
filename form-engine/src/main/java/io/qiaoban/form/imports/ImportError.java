package io.qiaoban.form.imports;

import java.util.List;

/** A problem with one cell (or a whole row when {@code field} is null) of an imported file. */
public record ImportError(int row, String column, String field, String code, List<Object> args, String value) {
}
