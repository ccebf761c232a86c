package io.qiaoban.web;

import io.qiaoban.core.db.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** What the tests that start the packaged application themselves need from the machine. */
final class LocalMachine {
    private LocalMachine() {
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A PostgreSQL of the test's own, in a fresh cluster under target/ (initdb at each run). */
    static EmbeddedPostgres freshPostgres(String dir, String database) throws IOException {
        Path path = Path.of("target", dir);
        deleteRecursively(path);
        return EmbeddedPostgres.start(path, 0, database);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
