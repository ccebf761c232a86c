package io.qiaoban.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiaoban.core.db.EmbeddedPostgres;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Uploads larger than the whole heap, on the packaged application started with a 128 MB heap (and
 * told to exit on an OutOfMemoryError): a 100 MB CSV is uploaded and imported, a 99 MB attachment is
 * stored and read back byte for byte, and a 150 MB attachment is refused with a problem. If any of
 * them were held in memory whole, the application would die and the test with it.
 */
class BoundedHeapUploadIT {
    static final String HEAP = "-Xmx128m";
    static final int ROWS = 20_000;
    static final int NOTE_CHARS = 5_000;
    static final String ADMIN_PASSWORD = "Heap" + UUID.randomUUID().toString().substring(0, 8) + "7";
    static final ObjectMapper JSON = new ObjectMapper();

    static EmbeddedPostgres postgres;
    static Process app;
    static int port;
    static String cookie;
    static String forms;
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        postgres = LocalMachine.freshPostgres("bounded-heap-postgres", "qiaoban_heap");
        port = LocalMachine.freePort();
        ProcessBuilder builder = new ProcessBuilder("java", HEAP, "-XX:+ExitOnOutOfMemoryError",
                "-jar", "target/quarkus-app/quarkus-run.jar").redirectErrorStream(true)
                .redirectOutput(Path.of("target", "bounded-heap-app.log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("QIAOBAN_"));
        builder.environment().put("QIAOBAN_DB_URL", postgres.jdbcUrl("qiaoban_heap"));
        builder.environment().put("QIAOBAN_DB_USER", postgres.username());
        builder.environment().put("QIAOBAN_DB_PASSWORD", postgres.password());
        builder.environment().put("QIAOBAN_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("QIAOBAN_PORT", String.valueOf(port));
        app = builder.start();
        awaitReady();
        HttpResponse<String> login = send(json("POST", "/api/v1/auth/login",
                Map.of("username", "admin", "password", ADMIN_PASSWORD)));
        assertEquals(200, login.statusCode(), login.body());
        cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String workspace = call("POST", "/api/v1/workspaces", Map.of("name", "大文件"), 201).path("id").asText();
        String appId = call("POST", "/api/v1/workspaces/" + workspace + "/apps", Map.of("name", "档案"), 201).path("id").asText();
        forms = "/api/v1/workspaces/" + workspace + "/apps/" + appId + "/forms";
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.destroy();
            if (!app.waitFor(60, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
        if (postgres != null) {
            postgres.stop();
            // the uploads made it a few hundred megabytes
            LocalMachine.deleteRecursively(Path.of("target", "bounded-heap-postgres"));
        }
    }

    @Test
    void aHundredMegabyteCsvIsUploadedAndImported() throws Exception {
        String form = publish("note", "备注", List.of(field("name", "名称", "text", Map.of()),
                field("note", "说明", "textarea", Map.of())));
        Path csv = Path.of("target", "bounded-heap.csv");
        Random random = new Random(7);
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("名称,说明\n");
            char[] note = new char[NOTE_CHARS];
            for (int i = 0; i < ROWS; i++) {
                for (int c = 0; c < note.length; c++) {
                    note[c] = (char) ('a' + random.nextInt(26));
                }
                out.write("客户" + i + "," + new String(note) + "\n");
            }
        }
        assertTrue(Files.size(csv) > 100_000_000L, "the file is bigger than the heap: " + Files.size(csv));
        try {
            HttpResponse<String> uploaded = send(multipart(forms + "/" + form + "/imports", csv, "说明.csv"));
            assertEquals(201, uploaded.statusCode(), uploaded.body());
            String imports = forms + "/" + form + "/imports/" + JSON.readTree(uploaded.body()).path("id").asText();
            call("POST", imports + "/start", Map.of("mapping", List.of(Map.of("column", 0, "field", "name"),
                    Map.of("column", 1, "field", "note"))), 202);
            JsonNode done = awaitImport(imports, Duration.ofMinutes(5));
            assertEquals("done", done.path("state").asText(), done.toString());
            assertEquals(ROWS, done.path("importedRows").asInt(), done.toString());
            assertAlive();
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    @Test
    void anAttachmentAlmostAsBigAsItsLimitIsStoredAndReadBackWhole() throws Exception {
        String form = publish("contract", "合同", List.of(field("scan", "扫描件", "attachment", Map.of("maxSizeMb", 100))));
        Path file = Path.of("target", "bounded-heap-attachment.bin");
        byte[] sent = write(file, 99L * 1024 * 1024);
        try {
            HttpResponse<String> uploaded = send(multipart(forms + "/" + form + "/files?field=scan", file, "扫描件.bin"));
            assertEquals(201, uploaded.statusCode(), uploaded.body());
            String id = JSON.readTree(uploaded.body()).path("id").asText();
            HttpResponse<InputStream> read = http.send(request(forms + "/" + form + "/files/" + id).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, read.statusCode());
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(read.body(), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            assertEquals(HexFormat.of().formatHex(sent), HexFormat.of().formatHex(digest.digest()), "the same bytes came back");
            assertAlive();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void anAttachmentOverItsLimitIsRefusedWithAProblem() throws Exception {
        String form = publish("photo", "照片", List.of(field("doc", "资料", "attachment", Map.of())));
        Path file = Path.of("target", "bounded-heap-oversized.bin");
        write(file, 150L * 1024 * 1024);
        try {
            HttpResponse<String> refused = send(multipart(forms + "/" + form + "/files?field=doc", file, "资料.bin"));
            assertEquals(413, refused.statusCode(), refused.body());
            assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            assertAlive();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void assertAlive() throws Exception {
        assertTrue(app.isAlive(), "the application died; see target/bounded-heap-app.log");
        String log = Files.readString(Path.of("target", "bounded-heap-app.log"));
        assertFalse(log.contains("OutOfMemoryError"), log);
        assertEquals(200, http.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    /** Random bytes of this size, written a megabyte at a time; returns their SHA-256. */
    private static byte[] write(Path file, long size) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] chunk = new byte[1024 * 1024];
        Random random = new Random(size);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                int n = (int) Math.min(chunk.length, size - written);
                out.write(chunk, 0, n);
                digest.update(Arrays.copyOf(chunk, n));
            }
        }
        return digest.digest();
    }

    private static String publish(String key, String name, List<Map<String, Object>> fields) throws Exception {
        String id = call("POST", forms, Map.of("key", key, "name", name, "fields", fields), 201).path("id").asText();
        call("POST", forms + "/" + id + "/publish", Map.of(), 200);
        return id;
    }

    private static Map<String, Object> field(String key, String label, String type, Map<String, Object> options) {
        return Map.of("key", key, "label", label, "type", type, "options", options);
    }

    private static JsonNode awaitImport(String path, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        JsonNode state;
        do {
            Thread.sleep(500);
            assertTrue(app.isAlive(), "the application died during the import; see target/bounded-heap-app.log");
            state = call("GET", path, null, 200);
        } while (!List.of("done", "failed").contains(state.path("state").asText()) && System.nanoTime() < deadline);
        return state;
    }

    /** The file streamed from disk as the one part of a multipart body. */
    private static HttpRequest multipart(String path, Path file, String name) throws IOException {
        String boundary = "qiaoban" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        // the header a cross-site form cannot send (SessionFilter)
        return request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary).header("X-Qiaoban-Upload", "1")
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                        HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofString(tail)))
                .build();
    }

    private static JsonNode call(String method, String path, Object body, int expected) throws Exception {
        HttpResponse<String> r = send(json(method, path, body));
        assertEquals(expected, r.statusCode(), method + " " + path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private static HttpRequest json(String method, String path, Object body) throws IOException {
        return request(path).header("Content-Type", "application/json").method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
    }

    private static HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(2)).header("Accept", "application/json");
        return cookie == null ? b : b.header("Cookie", cookie);
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertTrue(app.isAlive(), "the application exited; see target/bounded-heap-app.log");
            try {
                if (http.send(HttpRequest.newBuilder(uri("/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not ready in 120 s; see target/bounded-heap-app.log");
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
