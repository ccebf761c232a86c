package io.qiaoban.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qiaoban.core.db.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An operator who points QIAOBAN_DB_URL at a database Qiaoban cannot use gets one sentence naming the
 * setting to fix and exit status 1: no stack trace, and never the password they typed.
 */
class MisconfiguredDatabaseIT {
    static EmbeddedPostgres postgres;
    static String jdbcUrl;

    @BeforeAll
    static void database() throws IOException {
        postgres = LocalMachine.freshPostgres("misconfigured-postgres", "qiaoban_misconfigured");
        jdbcUrl = postgres.jdbcUrl("qiaoban_misconfigured");
    }

    @AfterAll
    static void stopDatabase() {
        if (postgres != null) {
            postgres.stop();
        }
    }

    @Test
    void aServerThatIsNotThere() throws Exception {
        String out = failedStart(Map.of("QIAOBAN_DB_URL", "jdbc:postgresql://127.0.0.1:" + LocalMachine.freePort() + "/qiaoban",
                "QIAOBAN_DB_USER", postgres.username(), "QIAOBAN_DB_PASSWORD", postgres.password()));
        assertTrue(out.contains("Qiaoban cannot connect to the database server in QIAOBAN_DB_URL"), out);
    }

    @Test
    void anAddressItCannotReadIsShownWithoutItsParameters() throws Exception {
        String secret = "Secret" + System.nanoTime();
        String out = failedStart(Map.of("QIAOBAN_DB_URL", "jdbc:postgresql://127.0.0.1:54x2/qiaoban?password=" + secret));
        assertTrue(out.contains("QIAOBAN_DB_URL (jdbc:postgresql://127.0.0.1:54x2/qiaoban)"), out);
        assertFalse(out.contains(secret), "the password in the address is never printed:\n" + out);
    }

    @Test
    void aWrongPassword() throws Exception {
        String typed = "Wrong-" + System.nanoTime();
        String out = failedStart(Map.of("QIAOBAN_DB_URL", jdbcUrl, "QIAOBAN_DB_USER", postgres.username(),
                "QIAOBAN_DB_PASSWORD", typed));
        assertTrue(out.contains("refused the user '" + postgres.username() + "'"), out);
        assertTrue(out.contains("Check QIAOBAN_DB_USER and QIAOBAN_DB_PASSWORD"), out);
        assertFalse(out.contains(typed), "the password is never printed:\n" + out);
    }

    @Test
    void noPasswordForAServerThatWantsOne() throws Exception {
        String out = failedStart(Map.of("QIAOBAN_DB_URL", jdbcUrl));
        assertTrue(out.contains("refused the user 'qiaoban'"), out);
        assertTrue(out.contains("Check QIAOBAN_DB_USER and QIAOBAN_DB_PASSWORD"), out);
    }

    @Test
    void aDatabaseThatDoesNotExist() throws Exception {
        String out = failedStart(Map.of("QIAOBAN_DB_URL", postgres.jdbcUrl("no_such_shop"),
                "QIAOBAN_DB_USER", postgres.username(), "QIAOBAN_DB_PASSWORD", postgres.password()));
        assertTrue(out.contains("does not exist on that server"), out);
    }

    @Test
    void aDatabaseThatHoldsSomeoneElsesTables() throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, postgres.username(), postgres.password());
                Statement s = c.createStatement()) {
            s.execute("create schema if not exists erp");
            s.execute("create table if not exists erp.orders (id bigint primary key)");
        }
        String out = failedStart(Map.of("QIAOBAN_DB_URL", jdbcUrl + "?currentSchema=erp",
                "QIAOBAN_DB_USER", postgres.username(), "QIAOBAN_DB_PASSWORD", postgres.password()));
        assertTrue(out.contains("holds tables that Qiaoban did not create"), out);
        try (Connection c = DriverManager.getConnection(jdbcUrl, postgres.username(), postgres.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from pg_tables where schemaname = 'erp'")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "nothing was created beside the other application's table");
        }
    }

    /** Starts the packaged application with these settings and returns what it printed before it exited. */
    private static String failedStart(Map<String, String> env) throws Exception {
        Path log = Files.createTempFile(Path.of("target"), "misconfigured", ".log");
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("QIAOBAN_"));
        builder.environment().putAll(env);
        builder.environment().put("QIAOBAN_PORT", String.valueOf(LocalMachine.freePort()));
        builder.environment().put("QIAOBAN_ADMIN_PASSWORD", "Misconfigured-" + System.nanoTime());
        Process process = builder.start();
        String out;
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the application did not exit within 120 s");
            }
            out = Files.readString(log, StandardCharsets.UTF_8);
        } finally {
            Files.delete(log);
        }
        assertEquals(1, process.exitValue(), out);
        assertFalse(out.contains("\tat ") || out.contains("Exception"), "a stack trace:\n" + out);
        return out;
    }
}
