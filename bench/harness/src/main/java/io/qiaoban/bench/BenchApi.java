package io.qiaoban.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.user.Passwords;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The benchmarks' HTTP client of the API on loopback: a platform admin's session, JSON calls, uploads, plain SQL. */
@ApplicationScoped
public class BenchApi {
    static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1 as browsers speak over plain HTTP: Java's client would otherwise upgrade to h2c and send
    // every concurrent client's requests over one connection (docs/performance.md, runs 19-24)
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
            .build();
    private final AgroalDataSource db;
    private final HttpPort port;

    BenchApi(AgroalDataSource db, HttpPort port) {
        this.db = db;
        this.port = port;
    }

    /** The client itself (a method: CDI hands out a proxy, whose fields are not the bean's). */
    HttpClient http() {
        return http;
    }

    String base() {
        return "http://127.0.0.1:" + port.get() + "/api";
    }

    /** A new platform admin, logged in: returns the session cookie ("qb_session=..."). */
    String login() throws Exception {
        String username = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Bench" + UUID.randomUUID().toString().substring(0, 12) + "9";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into app_user (id, username, display_name, password_hash, platform_admin, must_change_password,
                                      disabled, created_at, updated_at)
                values (?, ?, ?, ?, true, false, false, now(), now())""")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, username);
            ps.setString(3, username);
            ps.setString(4, Passwords.hash(password));
            ps.executeUpdate();
        }
        return login(username, password);
    }

    private String login(String username, String password) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", username, "password", password))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("bench login answered " + r.statusCode() + ": " + r.body());
        }
        return r.headers().allValues("Set-Cookie").stream().map(v -> v.split(";", 2)[0])
                .filter(v -> v.startsWith("qb_session=")).findFirst().orElseThrow();
    }

    /** A new workspace with an app as this session: returns the app's forms URL. */
    String formsOfNewApp(String cookie) throws Exception {
        String workspace = post(base() + "/v1/workspaces", cookie, Map.of("name", "bench " + UUID.randomUUID())).path("id").asText();
        String app = post(base() + "/v1/workspaces/" + workspace + "/apps", cookie, Map.of("name", "bench")).path("id").asText();
        return base() + "/v1/workspaces/" + workspace + "/apps/" + app + "/forms";
    }

    /** Creates and publishes a form; returns its id. */
    String publish(String forms, String cookie, String key, List<Map<String, Object>> fields) throws Exception {
        String id = post(forms, cookie, Map.of("key", key, "name", key, "fields", fields)).path("id").asText();
        post(forms + "/" + id + "/publish", cookie, null);
        return id;
    }

    /** A member of the workspace with the built-in "member" role, logged in. */
    record Member(UUID userId, String roleId, String cookie) {
    }

    Member member(String adminCookie, String workspace) throws Exception {
        String roles = base() + "/v1/workspaces/" + workspace + "/roles";
        String roleId = null;
        for (JsonNode role : get(roles, adminCookie)) {
            if ("member".equals(role.path("builtInKey").asText())) {
                roleId = role.path("id").asText();
            }
        }
        String username = "bench-m-" + UUID.randomUUID().toString().substring(0, 8);
        String initial = "Init" + UUID.randomUUID().toString().substring(0, 10) + "9";
        JsonNode created = post(base() + "/v1/workspaces/" + workspace + "/members", adminCookie,
                Map.of("username", username, "displayName", username, "initialPassword", initial, "roleId", roleId));
        String cookie = login(username, initial);
        String changed = "Chg" + UUID.randomUUID().toString().substring(0, 10) + "7";
        post(base() + "/v1/auth/password", cookie, Map.of("currentPassword", initial, "newPassword", changed));
        return new Member(UUID.fromString(created.path("userId").asText()), roleId, cookie);
    }

    JsonNode put(String url, String cookie, Object body) throws Exception {
        return answer(url, http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString()));
    }

    JsonNode post(String url, String cookie, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie);
        b = body == null ? b.POST(HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return answer(url, http.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    JsonNode get(String url, String cookie) throws Exception {
        return answer(url, http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    /** A multipart upload of one file, streamed from disk, as the import wizard sends it. */
    JsonNode upload(String url, String cookie, Path file) throws Exception {
        String boundary = "bench" + UUID.randomUUID();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie)
                .header("X-Qiaoban-Upload", "1").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; "
                                + "filename=\"" + file.getFileName() + "\"\r\nContent-Type: text/csv\r\n\r\n"),
                        HttpRequest.BodyPublishers.ofFile(file),
                        HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n")))
                .build();
        return answer(url, http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private static JsonNode answer(String url, HttpResponse<String> r) throws Exception {
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    void sql(String... statements) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
