package io.qiaoban.form.imports;

import io.qiaoban.core.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The formats an import reads, told apart by their first bytes rather than trusted from a file name. */
public enum SheetFormat {
    CSV, XLSX;

    private static final byte[] ZIP = {0x50, 0x4b, 0x03, 0x04};
    private static final byte[] OLE2 = {(byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0};

    public static SheetFormat detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        }
        if (head.length == 0) {
            throw new ProblemException(400, "import.empty-file");
        }
        if (Arrays.equals(head, ZIP)) {
            return XLSX;
        }
        if (Arrays.equals(head, OLE2)) {
            // the binary Excel 97-2003 format: asking for .xlsx is clearer than a half-supported reader
            throw new ProblemException(400, "import.xls-unsupported");
        }
        return CSV;
    }
}
