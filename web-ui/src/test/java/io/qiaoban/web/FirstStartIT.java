package io.qiaoban.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A newcomer's first two starts of the packaged application, with no configuration at all: the
 * embedded PostgreSQL comes up with its data in a fresh directory (as root: as nobody), the first
 * admin's password is generated and printed once, and what was created survives a restart.
 */
class FirstStartIT {
    private static final Pattern PASSWORD_LINE = Pattern.compile("user: (\\S+)\\s+password: (\\S+)");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aNewcomerGetsAnAdminWithAPrintedPasswordAndKeepsTheirDataAcrossARestart() throws Exception {
        Path data = Path.of("target", "first-start-data");
        LocalMachine.deleteRecursively(data);
        int port = LocalMachine.freePort();

        Started first = start(data, port);
        String output;
        String cookie;
        try {
            output = String.join("\n", first.lines());
            Matcher m = PASSWORD_LINE.matcher(output);
            assertTrue(m.find(), "no generated admin password in the log:\n" + output);
            assertEquals("admin", m.group(1));
            HttpResponse<String> login = post(port, "/api/v1/auth/login",
                    "{\"username\": \"admin\", \"password\": \"" + m.group(2) + "\"}", null);
            assertEquals(200, login.statusCode(), login.body());
            assertTrue(login.body().contains("\"mustChangePassword\":true"), login.body());
            cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            HttpResponse<String> change = post(port, "/api/v1/auth/password",
                    "{\"currentPassword\": \"" + m.group(2) + "\", \"newPassword\": \"Newcomer2026\"}", cookie);
            assertEquals(204, change.statusCode(), change.body());
            HttpResponse<String> ws = post(port, "/api/v1/workspaces", "{\"name\": \"我的小店\"}", cookie);
            assertEquals(201, ws.statusCode(), ws.body());
        } finally {
            first.stop();
        }
        assertTrue(Files.exists(data.resolve("postgres/PG_VERSION")), "the cluster lives under the data directory");
        assertFalse(output.contains("Exception"), "a clean first start logs no exception:\n" + output);

        Started second = start(data, port);
        try {
            String again = String.join("\n", second.lines());
            assertFalse(PASSWORD_LINE.matcher(again).find(), "the password is printed only once");
            HttpResponse<String> login = post(port, "/api/v1/auth/login",
                    "{\"username\": \"admin\", \"password\": \"Newcomer2026\"}", null);
            assertEquals(200, login.statusCode(), login.body());
            String session = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(uri(port, "/api/v1/workspaces"))
                    .header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(list.body().contains("我的小店"), "the workspace survived the restart: " + list.body());
        } finally {
            second.stop();
        }
    }

    record Started(Process process, List<String> lines) {
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private Started start(Path data, int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("QIAOBAN_"));
        builder.environment().put("QIAOBAN_DATA_DIR", data.toString());
        builder.environment().put("QIAOBAN_PORT", String.valueOf(port));
        Process process = builder.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), "the application exited:\n" + String.join("\n", lines));
            try {
                if (http.send(HttpRequest.newBuilder(uri(port, "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return new Started(process, lines);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new AssertionError("not ready in 180 s:\n" + String.join("\n", lines));
    }

    private HttpResponse<String> post(int port, String path, String json, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
