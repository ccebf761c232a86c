package io.qiaoban.form.exports;

import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes an export file row by row to disk, never holding more than a few rows in memory. Cells are
 * text or, where the field is a number, a {@link BigDecimal} (a number cell in XLSX).
 */
interface SheetWriter extends Closeable {
    void row(List<Object> cells) throws IOException;

    String contentType();

    String extension();

    static SheetWriter of(String format, Path file) throws IOException {
        return "xlsx".equals(format) ? new XlsxSheetWriter(file) : new CsvSheetWriter(file);
    }
}
