package io.qiaoban.form.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * XLSX through POI's SXSSF: only the last 100 rows stay in memory, older ones go to a compressed
 * temporary file. Text goes into string cells, which a spreadsheet never evaluates; text that looks
 * like a formula also gets Excel's "quote prefix" (what typing a leading apostrophe does), so that
 * editing the cell or saving the sheet as CSV later keeps it text.
 */
final class XlsxSheetWriter implements SheetWriter {
    /** An XLSX sheet holds at most 1,048,576 rows; more go on further sheets. */
    static final int ROWS_PER_SHEET = 1_048_575;
    private final Path file;
    private final SXSSFWorkbook book = new SXSSFWorkbook(100);
    private final CellStyle quoted;
    private Sheet sheet;
    private List<Object> header;
    private int rowIndex;

    XlsxSheetWriter(Path file) {
        this.file = file;
        book.setCompressTempFiles(true);
        quoted = book.createCellStyle();
        quoted.setQuotePrefixed(true);
    }

    @Override
    public void row(List<Object> cells) {
        if (header == null) {
            header = cells;
        }
        if (sheet == null || rowIndex > ROWS_PER_SHEET) {
            sheet = book.createSheet("Sheet" + (book.getNumberOfSheets() + 1));
            rowIndex = 0;
            if (cells != header) {
                write(header);
            }
        }
        write(cells);
    }

    private void write(List<Object> cells) {
        Row row = sheet.createRow(rowIndex++);
        for (int i = 0; i < cells.size(); i++) {
            Object value = cells.get(i);
            if (value == null) {
                continue;
            }
            Cell cell = row.createCell(i);
            if (value instanceof BigDecimal d) {
                cell.setCellValue(d.doubleValue());
            } else {
                String text = value.toString();
                cell.setCellValue(text);
                if (!CellText.safe(text).equals(text)) {
                    cell.setCellStyle(quoted);
                }
            }
        }
    }

    @Override
    public String contentType() {
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }

    @Override
    public String extension() {
        return "xlsx";
    }

    @Override
    public void close() throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            book.write(out);
        } finally {
            book.close();
        }
    }
}
