package io.qiaoban.form.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The content type of an upload from its first bytes, not from what the browser says: a file named
 * "photo.png" that is HTML must not be served back as anything a browser would run. Images are
 * recognised by their signatures; other files get a type from a short list of safe extensions, else
 * application/octet-stream (always downloaded, never displayed).
 */
final class ContentSniffer {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"), Map.entry("csv", "text/csv"),
            Map.entry("doc", "application/msword"), Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("ppt", "application/vnd.ms-powerpoint"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("zip", "application/zip"), Map.entry("mp4", "video/mp4"), Map.entry("mp3", "audio/mpeg"));

    private ContentSniffer() {
    }

    static String detect(Path file, String name) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(16);
        }
        if (starts(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (starts(head, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(head, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (starts(head, 'R', 'I', 'F', 'F') && head.length >= 12
                && Arrays.equals(Arrays.copyOfRange(head, 8, 12), new byte[] {'W', 'E', 'B', 'P'})) {
            return "image/webp";
        }
        if (starts(head, '%', 'P', 'D', 'F')) {
            return "application/pdf";
        }
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String byName = BY_EXTENSION.get(extension);
        // a name may say "pdf" or "png" only when the bytes said so above
        return byName == null || byName.equals("application/pdf") ? "application/octet-stream" : byName;
    }

    private static boolean starts(byte[] head, int... signature) {
        if (head.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((head[i] & 0xff) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
