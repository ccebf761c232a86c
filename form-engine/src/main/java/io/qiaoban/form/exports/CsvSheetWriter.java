package io.qiaoban.form.exports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** CSV for Excel and WPS: UTF-8 with a BOM (or Excel reads Chinese as GBK), CRLF, formula-looking text defused. */
final class CsvSheetWriter implements SheetWriter {
    private final CSVPrinter printer;

    CsvSheetWriter(Path file) throws IOException {
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write('\ufeff');
        printer = new CSVPrinter(out, CSVFormat.EXCEL);
    }

    @Override
    public void row(List<Object> cells) throws IOException {
        List<String> texts = new ArrayList<>(cells.size());
        for (Object cell : cells) {
            texts.add(cell == null ? "" : cell instanceof BigDecimal d ? d.toPlainString() : CellText.safe(cell.toString()));
        }
        printer.printRecord(texts);
    }

    @Override
    public String contentType() {
        return "text/csv; charset=UTF-8";
    }

    @Override
    public String extension() {
        return "csv";
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }
}
