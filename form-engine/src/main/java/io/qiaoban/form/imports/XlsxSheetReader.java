package io.qiaoban.form.imports;

import io.qiaoban.core.problem.ProblemException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * The first sheet of an XLSX workbook, read as a SAX stream (POI's event API): memory holds one row
 * and the shared strings, never the sheet. POI's XML parsers refuse external entities and DTDs, and
 * its zip reader refuses entries that inflate suspiciously (zip bombs) or beyond a size limit.
 * Dates come out as ISO text and numbers as plain decimals, whatever their display format, so that
 * field types read them the same as typed text.
 */
final class XlsxSheetReader implements SheetReader {
    /** An uncompressed part over this size is refused: a sheet of 200 MB zipped stays far below. */
    private static final long MAX_ENTRY_BYTES = 2L << 30;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static {
        ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
    }

    private final Path file;

    XlsxSheetReader(Path file) {
        this.file = file;
    }

    @Override
    public String encoding() {
        return null;
    }

    @Override
    public void read(RowHandler handler, Progress progress) throws Exception {
        try (OPCPackage pkg = open()) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new ProblemException(400, "import.empty-file");
            }
            try (InputStream sheet = sheets.next()) {
                long size = Math.max(1, sheetSize(reader));
                long[] consumed = {0};
                InputStream counted = new FilterInputStream(sheet) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        consumed[0] += Math.max(0, n);
                        return n;
                    }
                };
                Rows rows = new Rows(handler, () -> progress.read(Math.min(1.0, consumed[0] / (double) size)));
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings, rows,
                        new IsoDataFormatter(), false));
                try {
                    parser.parse(new InputSource(counted));
                } catch (Stop stop) {
                    return;
                } catch (HandlerFailure failure) {
                    throw failure.exception;
                } catch (SAXException e) {
                    throw new ProblemException(400, "import.malformed-xlsx", String.valueOf(e.getMessage()));
                }
            }
        } catch (IOException | OpenXML4JException | ParserConfigurationException e) {
            // a zip bomb, a file that is no workbook, a broken zip: all say what POI found
            throw new ProblemException(400, "import.malformed-xlsx", String.valueOf(e.getMessage()));
        }
        progress.read(1.0);
    }

    private OPCPackage open() throws IOException, InvalidFormatException {
        try {
            return OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (NotOfficeXmlFileException e) {
            throw new ProblemException(400, "import.malformed-xlsx", String.valueOf(e.getMessage()));
        }
    }

    private static long sheetSize(XSSFReader reader) {
        try {
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            sheets.next().close();
            return sheets.getSheetPart().getSize();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Collects cells into rows, filling the gaps POI leaves for empty cells. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final RowHandler handler;
        private final Runnable progress;
        private List<String> cells = new ArrayList<>();
        private int rowCount;

        Rows(RowHandler handler, Runnable progress) {
            this.handler = handler;
            this.progress = progress;
        }

        @Override
        public void startRow(int rowNum) {
            cells = new ArrayList<>();
        }

        @Override
        public void endRow(int rowNum) {
            rowCount++;
            boolean blank = cells.stream().allMatch(c -> c == null || c.isBlank());
            if (blank && rowCount > 1) {
                return;
            }
            List<String> row = cells.stream().map(c -> c == null ? "" : c).toList();
            boolean more;
            try {
                more = handler.row(new SheetRow(rowNum + 1, row));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new HandlerFailure(e);
            }
            if (!more) {
                throw new Stop();
            }
            if ((rowCount & 1023) == 0) {
                progress.run();
            }
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            if (column >= MAX_COLUMNS) {
                throw new ProblemException(400, "import.too-many-columns", MAX_COLUMNS);
            }
            while (cells.size() < column) {
                cells.add(null);
            }
            cells.add(formattedValue);
        }
    }

    /** The handler wants no more rows: thrown through the SAX parser, which has no other way to stop. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    /** A checked exception of the handler, carried through the SAX callbacks that cannot declare it. */
    private static final class HandlerFailure extends RuntimeException {
        final Exception exception;

        HandlerFailure(Exception exception) {
            super(exception);
            this.exception = exception;
        }
    }

    /** Dates as ISO text, numbers as plain decimals, whatever the cell's display format says. */
    private static final class IsoDataFormatter extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDateTime at = DateUtil.getLocalDateTime(value, use1904Windowing, true);
                return value == Math.floor(value) ? at.toLocalDate().toString() : at.format(DATE_TIME);
            }
            return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
        }
    }
}
