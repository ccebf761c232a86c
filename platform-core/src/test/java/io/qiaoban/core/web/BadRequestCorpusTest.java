package io.qiaoban.core.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qiaoban.core.testing.Session;
import io.qiaoban.core.testing.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sends a corpus of bad requests to every endpoint of the API (read from the OpenAPI document) and
 * checks that each is answered with a problem document and never with a 5xx.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadRequestCorpusTest {
    static final List<String> BAD_BODIES = List.of(
            "{bad", "", "null", "[]", "[1,2,3]", "42", "\"text\"", "{\"name\": {\"$ne\": null}}",
            "{\"name\": 12}", "{\"name\": [\"a\"]}", "{\"name\": true, \"permissions\": \"all\"}",
            "{\"roleId\": \"not-a-uuid\"}", "{\"id\": \"00000000-0000-0000-0000-000000000000\"}",
            "{\"workspaceId\": \"00000000-0000-0000-0000-000000000000\", \"name\": \"x\"}",
            "{\"name\": \"x\", \"owner\": \"me\"}", "{\"permissions\": [null, 1, {}]}",
            "{\"name\": \"\\u0000\\u0007\"}", "{\"username\": \"" + "a".repeat(5000) + "\"}",
            "{\"name\": \"x\"}{\"name\": \"y\"}", "\uFEFF{\"name\": \"bom\"}",
            "{\"password\": 1e999999}", "{\"initialPassword\": -0.0, \"roleId\": 5}");

    Session admin;
    Map<String, String> ids;
    List<String[]> operations;

    @BeforeEach
    void setUp() {
        if (admin != null) {
            return;
        }
        admin = TestUsers.platformAdmin();
        UUID ws = admin.createWorkspace("corpus " + UUID.randomUUID());
        String app = admin.api().body(Map.of("name", "app")).post("/api/v1/workspaces/" + ws + "/apps").then()
                .statusCode(201).extract().path("id");
        String role = admin.api().body(Map.of("name", "role", "permissions", List.of()))
                .post("/api/v1/workspaces/" + ws + "/roles").then().statusCode(201).extract().path("id");
        Session member = admin.addMember(ws, "member");
        ids = Map.of("workspaceId", ws.toString(), "appId", app, "roleId", role, "userId", member.userId().toString(),
                "id", "1");
        operations = new ArrayList<>();
        Map<String, Map<String, Object>> paths = given().get("/q/openapi?format=json").then().extract().jsonPath()
                .getMap("paths");
        paths.forEach((path, ops) -> ops.keySet().forEach(method -> operations.add(new String[] {method, path})));
        assertTrue(operations.size() >= 20, "expected the whole API, found " + operations.size());
    }

    @Test
    void noBadBodyCausesA5xxAnywhere() {
        List<String> failures = new ArrayList<>();
        for (String[] op : operations) {
            if (op[0].equals("get") || op[0].equals("delete") || op[1].endsWith("/logout")) {
                continue;
            }
            for (String body : BAD_BODIES) {
                Response r = admin.api().body(body).request(op[0], fill(op[1]));
                check(failures, op[0] + " " + op[1] + " <- " + abbreviate(body), r);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void badPathsAndParametersAreProblemsToo() {
        List<String> failures = new ArrayList<>();
        for (String[] op : operations) {
            String path = op[1].replaceAll("\\{[^}]+}", "not-a-uuid");
            check(failures, op[0] + " " + path, admin.api().request(op[0], path));
            String unknown = op[1].replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            check(failures, op[0] + " " + unknown, admin.api().request(op[0], unknown));
        }
        for (String query : List.of("page=-1", "size=0", "size=100000", "page=abc", "state=NOPE", "type=%00")) {
            check(failures, "jobs?" + query, admin.api().get("/api/v1/admin/jobs?" + query));
            check(failures, "audit?" + query, admin.api().get("/api/v1/workspaces/" + ids.get("workspaceId") + "/audit?" + query));
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void transportLevelAbuseIsRefusedWithAProblem() {
        List<String> failures = new ArrayList<>();
        String apps = "/api/v1/workspaces/" + ids.get("workspaceId") + "/apps";
        Response big = admin.api().body("{\"name\": \"" + "x".repeat(1_200_000) + "\"}").post(apps);
        expect(failures, "oversized body", big, 413);
        expectChunkedTooLarge(failures, apps);
        Response deep = admin.api().body("[".repeat(100) + "]".repeat(100)).post(apps);
        expect(failures, "nesting 100", deep, 400);
        Response deepObject = admin.api().body("{\"name\":".repeat(70) + "1" + "}".repeat(70)).post(apps);
        expect(failures, "object nesting 70", deepObject, 400);
        Response form = given().cookie("qb_session", admin.cookie()).contentType("application/x-www-form-urlencoded")
                .formParam("name", "csrf").post(apps);
        expect(failures, "form post", form, 415);
        expect(failures, "unknown route", admin.api().get("/api/v1/nope"), 404);
        expect(failures, "unknown nested route", admin.api().post("/api/v1/workspaces/x/y/z"), 404);
        expect(failures, "wrong method", admin.api().put("/api/v1/workspaces"), 405);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** A body without Content-Length (chunked) over the limit: the same 413 problem. */
    private void expectChunkedTooLarge(List<String> failures, String path) {
        try {
            byte[] body = ("{\"name\": \"" + "x".repeat(1_200_000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                    "http://localhost:" + io.restassured.RestAssured.port + path))
                            .header("Content-Type", "application/json").header("Cookie", "qb_session=" + admin.cookie())
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                    () -> new java.io.ByteArrayInputStream(body)))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (r.statusCode() != 413 || !type.startsWith("application/problem+json")) {
                failures.add("chunked oversized body: expected 413 problem, got " + r.statusCode() + " " + type);
            }
        } catch (Exception e) {
            failures.add("chunked oversized body: " + e);
        }
    }

    private static void expect(List<String> failures, String what, Response r, int status) {
        if (r.statusCode() != status || !r.contentType().startsWith("application/problem+json")) {
            failures.add(what + ": expected " + status + " problem, got " + r.statusCode() + " " + r.contentType() + " "
                    + abbreviate(r.asString()));
        }
    }

    private static void check(List<String> failures, String what, Response r) {
        if (r.statusCode() >= 500) {
            failures.add(what + " -> " + r.statusCode() + " " + abbreviate(r.asString()));
        } else if (r.statusCode() >= 400 && !r.contentType().startsWith("application/problem+json")) {
            failures.add(what + " -> " + r.statusCode() + " with " + r.contentType() + ": " + abbreviate(r.asString()));
        } else if (r.asString().contains("Exception") || r.asString().contains("\tat ")) {
            failures.add(what + " leaked internals: " + abbreviate(r.asString()));
        }
    }

    private String fill(String template) {
        String path = template;
        for (var id : ids.entrySet()) {
            path = path.replace("{" + id.getKey() + "}", id.getValue());
        }
        return path;
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
