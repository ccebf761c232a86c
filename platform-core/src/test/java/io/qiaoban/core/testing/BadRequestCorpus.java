package io.qiaoban.core.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sends a corpus of bad requests to every endpoint of the API (read from the OpenAPI document) and
 * checks that each is answered with a problem document and never with a 5xx. Each module's Quarkus
 * application subclasses it (with {@code @QuarkusTest}), so every engine's endpoints are walked too;
 * {@link #moreIds} fills the path parameters of the module's own routes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BadRequestCorpus {
    public static final List<String> BAD_BODIES = List.of(
            "{bad", "", "null", "[]", "[1,2,3]", "42", "\"text\"", "{\"name\": {\"$ne\": null}}",
            "{\"name\": 12}", "{\"name\": [\"a\"]}", "{\"name\": true, \"permissions\": \"all\"}",
            "{\"roleId\": \"not-a-uuid\"}", "{\"id\": \"00000000-0000-0000-0000-000000000000\"}",
            "{\"workspaceId\": \"00000000-0000-0000-0000-000000000000\", \"name\": \"x\"}",
            "{\"name\": \"x\", \"owner\": \"me\"}", "{\"permissions\": [null, 1, {}]}",
            "{\"name\": \"\\u0000\\u0007\"}", "{\"username\": \"" + "a".repeat(5000) + "\"}",
            "{\"name\": \"x\"}{\"name\": \"y\"}", "\uFEFF{\"name\": \"bom\"}",
            "{\"password\": 1e999999}", "{\"initialPassword\": -0.0, \"roleId\": 5}");

    protected Session admin;
    protected Map<String, String> ids;
    protected List<String[]> operations;

    /** Path parameters of this module's own routes, made in the workspace and app the corpus created. */
    protected Map<String, String> moreIds(Session admin, UUID workspaceId, String appId) {
        return Map.of();
    }

    /**
     * Whether this module's corpus walks a route. A module whose tests run with other engines leaves
     * their routes to those engines' own corpus (which knows how to fill their path parameters).
     */
    protected boolean walks(String path) {
        return true;
    }

    @BeforeEach
    void setUpCorpus() {
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
        String department = admin.api().body(Map.of("name", "department"))
                .post("/api/v1/workspaces/" + ws + "/departments").then().statusCode(201).extract().path("id");
        Map<String, String> all = new HashMap<>(Map.of("workspaceId", ws.toString(), "appId", app, "roleId", role,
                "userId", member.userId().toString(), "departmentId", department, "id", "1"));
        all.putAll(moreIds(admin, ws, app));
        ids = Map.copyOf(all);
        operations = new ArrayList<>();
        Map<String, Map<String, Object>> paths = given().get("/q/openapi?format=json").then().extract().jsonPath()
                .getMap("paths");
        paths.forEach((path, ops) -> ops.keySet().stream().filter(method -> walks(path))
                .forEach(method -> operations.add(new String[] {method, path})));
        assertTrue(operations.size() >= 20, "expected the whole API, found " + operations.size());
    }

    @Test
    public void noBadBodyCausesA5xxAnywhere() {
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
    public void badPathsAndParametersAreProblemsToo() {
        List<String> failures = new ArrayList<>();
        for (String[] op : operations) {
            if (op[1].endsWith("/logout")) {
                continue; // it would end the session the other tests of the class use
            }
            String path = op[1].replaceAll("\\{[^}]+}", "not-a-uuid");
            check(failures, op[0] + " " + path, admin.api().request(op[0], path));
            String unknown = op[1].replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            check(failures, op[0] + " " + unknown, admin.api().request(op[0], unknown));
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    protected static void expect(List<String> failures, String what, Response r, int status) {
        if (r.statusCode() != status || !r.contentType().startsWith("application/problem+json")) {
            failures.add(what + ": expected " + status + " problem, got " + r.statusCode() + " " + r.contentType() + " "
                    + abbreviate(r.asString()));
        }
    }

    protected static void check(List<String> failures, String what, Response r) {
        if (r.statusCode() >= 500) {
            failures.add(what + " -> " + r.statusCode() + " " + abbreviate(r.asString()));
        } else if (r.statusCode() >= 400 && !r.contentType().startsWith("application/problem+json")) {
            failures.add(what + " -> " + r.statusCode() + " with " + r.contentType() + ": " + abbreviate(r.asString()));
        } else if (r.asString().contains("Exception") || r.asString().contains("\tat ")) {
            failures.add(what + " leaked internals: " + abbreviate(r.asString()));
        }
    }

    protected String fill(String template) {
        String path = template;
        for (var id : ids.entrySet()) {
            path = path.replace("{" + id.getKey() + "}", id.getValue());
        }
        return path;
    }

    protected static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
