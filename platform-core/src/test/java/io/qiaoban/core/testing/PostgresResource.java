package io.qiaoban.core.testing;

import io.qiaoban.core.db.EmbeddedPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * The database of a test run: the server named by QIAOBAN_DB_URL (what .ci/run sets up), or else an
 * embedded PostgreSQL under target/ that lives as long as the test run.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
    /** The connection of the current run, for tests that reach the database from outside the app (IT). */
    public record Connection(String url, String username, String password) {
    }

    private static volatile Connection current;
    private EmbeddedPostgres embedded;

    public static Connection current() {
        return current;
    }

    @Override
    public Map<String, String> start() {
        String url = System.getenv("QIAOBAN_DB_URL");
        if (url != null && !url.isBlank()) {
            current = new Connection(url, env("QIAOBAN_DB_USER", "qiaoban"), env("QIAOBAN_DB_PASSWORD", ""));
            return Map.of("quarkus.datasource.jdbc.url", url,
                    "quarkus.datasource.username", env("QIAOBAN_DB_USER", "qiaoban"),
                    "quarkus.datasource.password", env("QIAOBAN_DB_PASSWORD", ""));
        }
        embedded = EmbeddedPostgres.start(Path.of("target", "test-postgres"), 0, "qiaoban_test");
        current = new Connection(embedded.jdbcUrl("qiaoban_test"), embedded.username(), embedded.password());
        return Map.of("quarkus.datasource.jdbc.url", embedded.jdbcUrl("qiaoban_test"),
                "quarkus.datasource.username", embedded.username(),
                "quarkus.datasource.password", embedded.password());
    }

    @Override
    public void stop() {
        if (embedded != null) {
            embedded.stop();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
