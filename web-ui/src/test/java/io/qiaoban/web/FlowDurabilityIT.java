package io.qiaoban.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiaoban.core.db.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The flow engine's core promise, on the packaged application: while a thousand journeys with waits
 * and messages run, the process is killed with SIGKILL again and again and started again. In the end
 * every instance has finished, each node of each instance was acted on once (no step lost, no timer
 * fired twice) and each message was logged and handed to its channel once. The starts themselves are
 * retried by the client through the kills with the same Idempotency-Key, and start each journey once.
 */
class FlowDurabilityIT {
    static final int JOURNEYS = 1000;
    static final int KILLS = 4;
    static final String ADMIN_PASSWORD = "Durable" + UUID.randomUUID().toString().substring(0, 8) + "9";
    static final ObjectMapper JSON = new ObjectMapper();

    static EmbeddedPostgres postgres;
    static String jdbcUrl;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    int port;
    Process app;
    String cookie;

    @BeforeAll
    static void database() throws IOException {
        postgres = LocalMachine.freshPostgres("durability-postgres", "qiaoban_durability");
        jdbcUrl = postgres.jdbcUrl("qiaoban_durability");
    }

    @AfterAll
    static void stopDatabase() {
        if (postgres != null) {
            postgres.stop();
        }
    }

    @Test
    void journeysSurviveRepeatedKillsExactlyOnce() throws Exception {
        port = LocalMachine.freePort();
        start();
        String workspace;
        String app;
        String flow;
        try {
            workspace = id(call("POST", "/api/v1/workspaces", Map.of("name", "耐久测试"), 201));
            app = id(call("POST", "/api/v1/workspaces/" + workspace + "/apps", Map.of("name", "会员"), 201));
            String flows = "/api/v1/workspaces/" + workspace + "/apps/" + app + "/flows";
            flow = id(call("POST", flows, Map.of("kind", "journey", "name", "两次等待", "graph", journey()), 201));
            call("POST", flows + "/" + flow + "/publish", Map.of(), 200);
        } catch (Exception e) {
            stop(false);
            throw e;
        }
        String instances = "/api/v1/workspaces/" + workspace + "/apps/" + app + "/flows/" + flow + "/instances";

        // four clients start the journeys, retrying through the kills with the same key
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Void>> starting = new java.util.ArrayList<>();
        for (int c = 0; c < 4; c++) {
            starting.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < JOURNEYS; i = next.getAndIncrement()) {
                    startWithRetries(instances, "journey-" + i);
                }
                return null;
            }));
        }
        clients.shutdown();

        List<Long> runningAtKills = new java.util.ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            Thread.sleep(3000 + kill * 1000L);
            runningAtKills.add(count("select count(*) from flow_instance where state = 'running'"));
            stop(true);
            start();
        }
        // the kills hit journeys in the middle of their steps, not an idle application
        System.out.println("FlowDurabilityIT: journeys running at each SIGKILL: " + runningAtKills);
        assertTrue(runningAtKills.stream().allMatch(n -> n > 0), "journeys running at each kill: " + runningAtKills);
        for (Future<Void> f : starting) {
            f.get(5, TimeUnit.MINUTES);
        }
        try {
            awaitAllEnded(Duration.ofMinutes(4));
        } finally {
            stop(false);
        }

        assertEquals(JOURNEYS, count("select count(*) from flow_instance where state = 'completed'"));
        assertEquals(0, count("select count(*) from flow_instance where state <> 'completed'"));
        // each node of each instance acted on once: 8 nodes each, no step twice, none left open
        assertEquals(8L * JOURNEYS, count("select count(*) from flow_step where state = 'done'"));
        assertEquals(0, count("select count(*) from (select instance_id, node_id from flow_step group by 1, 2 having count(*) > 1) t"));
        assertEquals(0, count("select count(*) from flow_step where state <> 'done'"));
        // each message logged once and handed to its channel once
        assertEquals(3L * JOURNEYS, count("select count(*) from flow_message"));
        assertEquals(0, count("select count(*) from (select instance_id, template from flow_message group by 1, 2 having count(*) > 1) t"));
        assertEquals(3L * JOURNEYS, count("select count(*) from outbox where type = 'message.queued'"));
        assertEquals(0, count("select count(*) from job where type = 'flow.step'"));
    }

    /** start -> hello -> wait 2 s -> reminder -> wait 3 s -> condition -> farewell -> end: three messages, two timers. */
    static Map<String, Object> journey() {
        return Map.of("nodes", List.of(
                node("start", "trigger", Map.of("on", "manual")),
                node("hello", "action", message("hello")),
                node("wait1", "wait", Map.of("duration", "PT2S")),
                node("reminder", "action", message("reminder")),
                node("wait2", "wait", Map.of("duration", "PT3S")),
                node("check", "condition", Map.of()),
                node("farewell", "action", message("farewell")),
                node("end", "end", Map.of())),
                "edges", List.of(edge("start", "hello", null), edge("hello", "wait1", null), edge("wait1", "reminder", null),
                        edge("reminder", "wait2", null), edge("wait2", "check", null), edge("check", "farewell", "decision == null"),
                        edge("check", "end", "else"), edge("farewell", "end", null)));
    }

    static Map<String, Object> message(String template) {
        return Map.of("action", "message.send", "template", template, "to", "=instance.id", "marketing", false);
    }

    static Map<String, Object> node(String id, String type, Map<String, Object> config) {
        return Map.of("id", id, "type", type, "name", id, "config", config);
    }

    static Map<String, Object> edge(String from, String to, String when) {
        return when == null ? Map.of("from", from, "to", to) : Map.of("from", from, "to", to, "when", when);
    }

    private void startWithRetries(String path, String key) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(request(path).header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201) {
                    return;
                }
                if (r.statusCode() != 401 && r.statusCode() < 500) {
                    throw new AssertionError("start " + key + " answered " + r.statusCode() + ": " + r.body());
                }
            } catch (IOException down) {
                // the application is being killed or restarted: try again with the same key
            }
            Thread.sleep(200);
        }
        throw new AssertionError("could not start " + key);
    }

    private void awaitAllEnded(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (count("select count(*) from flow_instance") == JOURNEYS && count("select count(*) from flow_instance where state = 'running'") == 0) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("instances still running after " + within + ": "
                + count("select count(*) from flow_instance where state = 'running'") + " of " + count("select count(*) from flow_instance"));
    }

    private synchronized void start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("java", "-Dqiaoban.jobs.lease=PT10S", "-Dqiaoban.jobs.lease-check=PT2S",
                "-jar", "target/quarkus-app/quarkus-run.jar").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "durability-app.log").toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("QIAOBAN_"));
        builder.environment().put("QIAOBAN_DB_URL", jdbcUrl);
        builder.environment().put("QIAOBAN_DB_USER", postgres.username());
        builder.environment().put("QIAOBAN_DB_PASSWORD", postgres.password());
        builder.environment().put("QIAOBAN_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("QIAOBAN_PORT", String.valueOf(port));
        app = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertTrue(app.isAlive(), "the application exited; see target/durability-app.log");
            try {
                if (http.send(HttpRequest.newBuilder(uri("/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    cookie = login();
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not ready in 120 s; see target/durability-app.log");
    }

    /** SIGKILL (no shutdown hook, no commit of anything in flight), or a normal stop at the end. */
    private synchronized void stop(boolean kill) throws InterruptedException {
        if (kill) {
            app.destroyForcibly();
        } else {
            app.destroy();
        }
        app.waitFor(60, TimeUnit.SECONDS);
    }

    private String login() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/v1/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"admin\", \"password\": \"" + ADMIN_PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private JsonNode call(String method, String path, Object body, int expected) throws Exception {
        HttpResponse<String> r = http.send(request(path).method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, r.statusCode(), method + " " + path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private synchronized HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("Accept", "application/json").header("Cookie", cookie == null ? "" : cookie);
    }

    private static String id(JsonNode node) {
        return node.path("id").asText();
    }

    private static long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, postgres.username(), postgres.password());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
