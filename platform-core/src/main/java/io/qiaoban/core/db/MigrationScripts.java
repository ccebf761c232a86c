package io.qiaoban.core.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The SQL migrations an application carries, found on its class path the way Flyway finds them, each
 * with the checksum Flyway records for it in its schema history. Empty when a location cannot be
 * listed here (not a folder or a jar, or a script that is not a plain versioned one): then Flyway
 * itself decides.
 */
final class MigrationScripts {
    /** A script: its path, the version its name gives ({@code V2026_11_24_1__core.sql}: 2026.11.24.1), its checksum. */
    record Script(String path, String version, int checksum) {
    }

    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9_.]*)__[^/]+\\.sql");

    private MigrationScripts() {
    }

    static Optional<List<Script>> onClassPath(ClassLoader loader, List<String> locations) {
        List<Script> scripts = new ArrayList<>();
        try {
            for (String location : locations) {
                Optional<List<String>> names = names(loader, folder(location));
                if (names.isEmpty()) {
                    return Optional.empty();
                }
                for (String name : names.get()) {
                    Matcher versioned = VERSIONED.matcher(name);
                    if (!versioned.matches()) {
                        return Optional.empty(); // repeatable, undo or misnamed: Flyway's business
                    }
                    String path = folder(location) + "/" + name;
                    try (InputStream in = loader.getResourceAsStream(path)) {
                        if (in == null) {
                            return Optional.empty();
                        }
                        scripts.add(new Script(path, versioned.group(1).replace('_', '.'), checksum(in)));
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(scripts);
    }

    /**
     * Flyway's checksum of a script: a CRC32 over its lines in UTF-8, without line endings or byte
     * order mark, so that the same script checked out with other line endings keeps its checksum.
     */
    static int checksum(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 4096)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return (int) crc.getValue();
    }

    private static String folder(String location) {
        String folder = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        if (folder.contains(":")) {
            throw new IllegalArgumentException("not a class path location: " + location);
        }
        return folder.replaceAll("^/+|/+$", "");
    }

    /** The file names directly inside a class path folder, from every jar or directory that has it. */
    private static Optional<List<String>> names(ClassLoader loader, String folder) throws IOException, URISyntaxException {
        List<String> names = new ArrayList<>();
        Enumeration<URL> urls = loader.getResources(folder);
        if (!urls.hasMoreElements()) {
            return Optional.empty();
        }
        for (URL url : Collections.list(urls)) {
            switch (url.getProtocol()) {
                case "file" -> {
                    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                        files.filter(Files::isRegularFile).forEach(f -> names.add(f.getFileName().toString()));
                    }
                }
                case "jar" -> {
                    JarURLConnection connection = (JarURLConnection) url.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        String prefix = folder + "/";
                        for (JarEntry entry : Collections.list(jar.entries())) {
                            String rest = entry.getName().startsWith(prefix) ? entry.getName().substring(prefix.length()) : null;
                            if (rest != null && !rest.isEmpty() && !rest.contains("/") && !entry.isDirectory()) {
                                names.add(rest);
                            }
                        }
                    }
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        Collections.sort(names);
        return Optional.of(names);
    }
}
