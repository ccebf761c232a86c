package io.qiaoban.form.imports;

import io.qiaoban.form.schema.FieldDefinition;

/** Which column of the file fills which field of the form. */
public record ImportMapping(int column, String columnName, FieldDefinition field) {
}
