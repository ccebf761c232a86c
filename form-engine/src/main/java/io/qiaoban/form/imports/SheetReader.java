package io.qiaoban.form.imports;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads an uploaded sheet row by row, streaming: the header row first, then every data row; blank
 * rows are skipped. The handler returns false to stop early (a preview). {@code progress} gets the
 * share of the file read so far, 0 to 1.
 */
public interface SheetReader {
    int MAX_COLUMNS = 500;
    /** Characters in one row; a CSV with an unclosed quote would otherwise read the rest of the file into one cell. */
    int MAX_ROW_CHARS = 1 << 20;

    @FunctionalInterface
    interface RowHandler {
        boolean row(SheetRow row) throws Exception;
    }

    @FunctionalInterface
    interface Progress {
        void read(double share);
    }

    /** What the reader found out about the file: the text encoding of a CSV, null for XLSX. */
    String encoding();

    void read(RowHandler handler, Progress progress) throws Exception;

    /** The reader for a file, by its content (not its name). */
    static SheetReader of(Path file) throws IOException {
        return switch (SheetFormat.detect(file)) {
            case CSV -> new CsvSheetReader(file);
            case XLSX -> new XlsxSheetReader(file);
        };
    }
}
