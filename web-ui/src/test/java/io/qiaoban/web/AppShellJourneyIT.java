package io.qiaoban.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qiaoban.core.testing.PostgresResource;
import io.qiaoban.core.user.Passwords;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The user journeys of the app shell and the engines, in a real Chromium against the packaged application: the
 * Playwright scripts in src/main/webui/e2e run with Node and drive /usr/bin/chromium. The application runs with the
 * test profile (failsafe sets quarkus.test.integration-test-profile in pom.xml), the only one whose clock a journey may move.
 */
@QuarkusIntegrationTest
class AppShellJourneyIT {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @Test
    void adminAndNewUserJourneysPassInChromium() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM),
                "Chromium is needed for the browser journeys: apt-get install -y chromium (.ci/run does it)");
        String username = "e2e-admin-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "E2e" + UUID.randomUUID().toString().substring(0, 12) + "9";
        createPlatformAdmin(username, password);

        Path webui = Path.of(System.getProperty("webui.dir", "src/main/webui"));
        Path screenshots = Path.of(System.getProperty("screenshot.dir", "../docs/images"));
        Files.createDirectories(screenshots);
        Path log = Path.of("target", "e2e.log");
        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-concurrency=1", "e2e/shell.e2e.mjs",
                "e2e/rules.e2e.mjs", "e2e/forms.e2e.mjs", "e2e/transfer.e2e.mjs", "e2e/departments.e2e.mjs", "e2e/flows.e2e.mjs",
                "e2e/approvals.e2e.mjs", "e2e/journeys.e2e.mjs")
                .directory(webui.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        node.environment().put("BASE_URL", "http://localhost:" + RestAssured.port);
        node.environment().put("ADMIN_USER", username);
        node.environment().put("ADMIN_PASSWORD", password);
        node.environment().put("SCREENSHOT_DIR", screenshots.toAbsolutePath().toString());
        node.environment().put("CHROMIUM", CHROMIUM.toString());
        // the application also works through what the module tests left in the shared CI database
        // (outbox events, jobs) while the journeys run on this 2-core machine: 40 s per step, not 20
        node.environment().put("E2E_TIMEOUT_MS", "40000");
        Process process = node.start();
        boolean finished = process.waitFor(8, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertTrue(finished, "the browser journeys did not finish in 8 minutes:\n" + output);
        assertEquals(0, process.exitValue(), "browser journeys failed:\n" + output);
        assertTrue(new File(screenshots.toFile(), "app-shell.png").length() > 10_000, "no screenshot of the app shell");
        assertTrue(new File(screenshots.toFile(), "form-designer.png").length() > 10_000, "no screenshot of the form designer");
        assertTrue(new File(screenshots.toFile(), "rule-editor.png").length() > 10_000, "no screenshot of the rule editor");
        assertTrue(new File(screenshots.toFile(), "import-progress.png").length() > 10_000, "no screenshot of an import");
        assertTrue(new File(screenshots.toFile(), "flow-monitor.png").length() > 10_000, "no screenshot of the flow monitor");
    }

    private static void createPlatformAdmin(String username, String password) throws Exception {
        PostgresResource.Connection db = PostgresResource.current();
        try (Connection c = DriverManager.getConnection(db.url(), db.username(), db.password());
                PreparedStatement ps = c.prepareStatement("""
                        insert into app_user (id, username, display_name, password_hash, platform_admin,
                                              must_change_password, disabled, created_at, updated_at)
                        values (?, ?, ?, ?, true, false, false, ?, ?)""")) {
            Timestamp now = Timestamp.from(Instant.now());
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, username);
            ps.setString(3, "E2E 管理员");
            ps.setString(4, Passwords.hash(password));
            ps.setTimestamp(5, now);
            ps.setTimestamp(6, now);
            ps.executeUpdate();
        }
    }
}
