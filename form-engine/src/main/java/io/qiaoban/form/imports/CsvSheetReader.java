package io.qiaoban.form.imports;

import io.qiaoban.core.problem.ProblemException;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV as Excel and WPS write it: comma, semicolon or tab separated (told by the header line), quotes
 * doubled inside quoted cells, line breaks inside quoted cells, any line ending. A byte that does not
 * belong to the detected encoding fails the import with the row where it was found.
 */
final class CsvSheetReader implements SheetReader {
    private final Path file;
    private final TextEncoding encoding;

    CsvSheetReader(Path file) throws IOException {
        this.file = file;
        this.encoding = TextEncoding.detect(file);
    }

    @Override
    public String encoding() {
        return encoding.label();
    }

    @Override
    public void read(RowHandler handler, Progress progress) throws Exception {
        long size = Math.max(1, Files.size(file));
        char delimiter = delimiter();
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
        long[] consumed = {0};
        int row = 0;
        try (InputStream raw = new FilterInputStream(Files.newInputStream(file)) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        consumed[0] += Math.max(0, n);
                        return n;
                    }
                };
                Reader reader = new RowLimit(decoding(raw));
                CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            for (CSVRecord record : parser) {
                row++;
                List<String> cells = new ArrayList<>(record.size());
                boolean blank = true;
                for (String cell : record) {
                    cells.add(cell);
                    blank &= cell.isBlank();
                }
                if (cells.size() > MAX_COLUMNS) {
                    throw new ProblemException(400, "import.too-many-columns", MAX_COLUMNS);
                }
                if (blank && row > 1) {
                    continue;
                }
                if (!handler.row(new SheetRow(row, cells))) {
                    return;
                }
                if ((row & 1023) == 0) {
                    progress.read(Math.min(1.0, consumed[0] / (double) size));
                }
            }
        } catch (UncheckedIOException e) {
            throw readFailure(e.getCause(), row + 1);
        } catch (IOException e) {
            throw readFailure(e, row + 1);
        }
        progress.read(1.0);
    }

    private static ProblemException readFailure(IOException e, int row) {
        if (e instanceof CharacterCodingException) {
            return new ProblemException(400, "import.bad-encoding", row);
        }
        if (e instanceof RowTooLong) {
            return new ProblemException(400, "import.row-too-long", row, MAX_ROW_CHARS / 1024);
        }
        // commons-csv's message names the problem and the line, e.g. an unclosed quote
        return new ProblemException(400, "import.malformed-csv", row, String.valueOf(e.getMessage()));
    }

    private Reader decoding(InputStream raw) throws IOException {
        raw.skipNBytes(encoding.bomLength());
        return new BufferedReader(new InputStreamReader(raw, encoding.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    }

    /** The separator that splits the header line into the most cells: comma unless the line says otherwise. */
    private char delimiter() throws IOException {
        String header;
        try (InputStream raw = Files.newInputStream(file); BufferedReader reader = (BufferedReader) decoding(raw)) {
            char[] buffer = new char[8192];
            int n = reader.read(buffer);
            header = n <= 0 ? "" : new String(buffer, 0, n).lines().findFirst().orElse("");
        } catch (CharacterCodingException e) {
            throw new ProblemException(400, "import.bad-encoding", 1);
        }
        char best = ',';
        long bestCount = header.chars().filter(c -> c == ',').count();
        for (char candidate : new char[] {';', '\t'}) {
            long count = header.chars().filter(c -> c == candidate).count();
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }

    private static final class RowTooLong extends IOException {
        RowTooLong() {
            super("row too long");
        }
    }

    /**
     * Counts the characters of the current row, following quotes the way CSV does (a doubled quote
     * toggles twice), and refuses a row past {@link SheetReader#MAX_ROW_CHARS}.
     */
    private static final class RowLimit extends FilterReader {
        private boolean quoted;
        private int length;

        RowLimit(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                see((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int count) throws IOException {
            int n = super.read(buffer, offset, count);
            for (int i = 0; i < n; i++) {
                see(buffer[offset + i]);
            }
            return n;
        }

        private void see(char c) throws RowTooLong {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\n' && !quoted) {
                length = 0;
                return;
            }
            if (++length > MAX_ROW_CHARS) {
                throw new RowTooLong();
            }
        }
    }
}
