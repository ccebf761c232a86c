package io.qiaoban.form.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qiaoban.core.problem.ProblemException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readers on files as Excel, WPS and scripts write them. */
class SheetReaderTest {
    @TempDir
    Path dir;

    List<SheetRow> read(Path file) throws Exception {
        List<SheetRow> rows = new ArrayList<>();
        SheetReader.of(file).read(row -> rows.add(row), share -> {
        });
        return rows;
    }

    Path write(String name, byte[] content) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    @Test
    void csvSeparatorsQuotesLineBreaksAndRowNumbers() throws Exception {
        List<SheetRow> rows = read(write("a.csv", "名称\t数量\r\n\"A\tB\"\t1\r\n\r\n\"多\n行\"\t\"引号\"\"\"\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("名称", "数量"), rows.get(0).cells());
        assertEquals(List.of("A\tB", "1"), rows.get(1).cells());
        assertEquals(3, rows.size());
        assertEquals(List.of("多\n行", "引号\""), rows.get(2).cells());
        assertEquals(4, rows.get(2).number()); // the blank row counts, as in a spreadsheet
    }

    @Test
    void encodingsAreDetected() throws Exception {
        String text = "姓名,城市\n张三,北京\n";
        assertEquals("GB18030", SheetReader.of(write("gbk.csv", text.getBytes(Charset.forName("GBK")))).encoding());
        assertEquals("UTF-8", SheetReader.of(write("u.csv", text.getBytes(StandardCharsets.UTF_8))).encoding());
        Path bom = write("bom.csv", ("\ufeff" + text).getBytes(StandardCharsets.UTF_8));
        assertEquals("UTF-8 BOM", SheetReader.of(bom).encoding());
        assertEquals("姓名", read(bom).get(0).cell(0));
        assertEquals("北京", read(write("gbk2.csv", text.getBytes(Charset.forName("GBK")))).get(1).cell(1));
        Path utf16 = write("u16.csv", ("\ufeff" + text).getBytes(StandardCharsets.UTF_16LE));
        assertEquals("张三", read(utf16).get(1).cell(0));
    }

    @Test
    void anUnclosedQuoteCannotReadTheWholeFileIntoOneCell() throws Exception {
        Path file = dir.resolve("long.csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("a,b\n\"".getBytes(StandardCharsets.UTF_8));
            byte[] line = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 40_000; i++) {
                out.write(line);
            }
        }
        ProblemException e = assertThrows(ProblemException.class, () -> read(file));
        assertEquals("import.row-too-long", e.code());
    }

    @Test
    void xlsxGivesValuesNotTheirDisplayFormat() throws Exception {
        Path file = dir.resolve("a.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            XSSFSheet sheet = book.createSheet("s");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("手机");
            header.createCell(2).setCellValue("时间");
            CellStyle when = book.createCellStyle();
            when.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy\"年\"m\"月\"d\"日\" h:mm"));
            CellStyle thousands = book.createCellStyle();
            thousands.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("#,##0.00"));
            Row row = sheet.createRow(4);
            row.createCell(0).setCellValue(13800138000d);
            row.createCell(1).setCellValue(1234.5);
            row.getCell(1).setCellStyle(thousands);
            row.createCell(2).setCellValue(LocalDateTime.of(2024, 5, 20, 9, 30));
            row.getCell(2).setCellStyle(when);
            row.createCell(3).setCellValue(0.1);
            book.write(out);
        }
        List<SheetRow> rows = read(file);
        assertEquals(List.of("手机", "", "时间"), rows.get(0).cells());
        assertEquals(5, rows.get(1).number());
        assertEquals(List.of("13800138000", "1234.5", "2024-05-20 09:30:00", "0.1"), rows.get(1).cells());
    }

    @Test
    void legacyExcelIsNamedAsSuch() throws Exception {
        Path file = write("a.xls", new byte[] {(byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0, 0, 0});
        assertEquals("import.xls-unsupported", assertThrows(ProblemException.class, () -> SheetReader.of(file)).code());
    }
}
