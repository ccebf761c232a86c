package io.qiaoban.form.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The encoding of a CSV from China: a byte-order mark decides when there is one (Excel writes UTF-8
 * with a BOM); otherwise a file that is valid UTF-8 throughout is UTF-8, and anything else is read
 * as GB18030, the superset of GBK and GB2312 that Excel on a Chinese Windows saves "CSV" in.
 */
public record TextEncoding(Charset charset, int bomLength) {
    static final Charset GB18030 = Charset.forName("GB18030");

    public static TextEncoding detect(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(3);
            if (head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
                return new TextEncoding(StandardCharsets.UTF_8, 3);
            }
            if (head.length >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe) {
                return new TextEncoding(StandardCharsets.UTF_16LE, 2);
            }
            if (head.length >= 2 && (head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff) {
                return new TextEncoding(StandardCharsets.UTF_16BE, 2);
            }
        }
        return new TextEncoding(isUtf8(file) ? StandardCharsets.UTF_8 : GB18030, 0);
    }

    /** Decodes the whole file strictly, a block at a time (a file of 100 MB takes a fraction of a second). */
    static boolean isUtf8(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        try (InputStream in = Files.newInputStream(file)) {
            while (true) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                boolean end = n < 0;
                if (!end) {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
                CoderResult result = decoder.decode(bytes, chars, end);
                if (result.isError()) {
                    return false;
                }
                chars.clear();
                bytes.compact();
                if (end) {
                    return !decoder.flush(chars).isError() && bytes.position() == 0;
                }
            }
        }
    }

    public String label() {
        return charset == GB18030 ? "GB18030" : charset.name() + (bomLength > 0 ? " BOM" : "");
    }
}
