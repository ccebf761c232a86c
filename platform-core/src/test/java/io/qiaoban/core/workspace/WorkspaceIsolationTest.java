package io.qiaoban.core.workspace;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qiaoban.core.testing.Session;
import io.qiaoban.core.testing.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A user of workspace A asking for anything of workspace B gets 404 and never B's data. The table
 * below holds every workspace route; a second test reads the OpenAPI document and fails when a new
 * workspace route is missing from the table, so the table stays complete as the API grows.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkspaceIsolationTest {
    record Route(String method, String template, Object body) {
    }

    static final List<Route> ROUTES = List.of(
            new Route("GET", "/api/v1/workspaces/{workspaceId}", null),
            new Route("PATCH", "/api/v1/workspaces/{workspaceId}", Map.of("name", "taken over")),
            new Route("DELETE", "/api/v1/workspaces/{workspaceId}", null),
            new Route("GET", "/api/v1/workspaces/{workspaceId}/apps", null),
            new Route("POST", "/api/v1/workspaces/{workspaceId}/apps", Map.of("name", "intruder app")),
            new Route("GET", "/api/v1/workspaces/{workspaceId}/apps/{appId}", null),
            new Route("PATCH", "/api/v1/workspaces/{workspaceId}/apps/{appId}", Map.of("name", "renamed")),
            new Route("DELETE", "/api/v1/workspaces/{workspaceId}/apps/{appId}", null),
            new Route("GET", "/api/v1/workspaces/{workspaceId}/roles", null),
            new Route("POST", "/api/v1/workspaces/{workspaceId}/roles", Map.of("name", "spy", "permissions", List.of())),
            new Route("PATCH", "/api/v1/workspaces/{workspaceId}/roles/{roleId}", Map.of("permissions", List.of())),
            new Route("DELETE", "/api/v1/workspaces/{workspaceId}/roles/{roleId}", null),
            new Route("GET", "/api/v1/workspaces/{workspaceId}/members", null),
            new Route("POST", "/api/v1/workspaces/{workspaceId}/members",
                    Map.of("username", "sneaky-user", "displayName", "x", "initialPassword", "Abcdefgh1")),
            new Route("PATCH", "/api/v1/workspaces/{workspaceId}/members/{userId}", Map.of()),
            new Route("DELETE", "/api/v1/workspaces/{workspaceId}/members/{userId}", null),
            new Route("GET", "/api/v1/workspaces/{workspaceId}/audit", null),
            new Route("GET", "/api/v1/workspaces/{workspaceId}/departments", null),
            new Route("POST", "/api/v1/workspaces/{workspaceId}/departments", Map.of("name", "间谍部")),
            new Route("PATCH", "/api/v1/workspaces/{workspaceId}/departments/{departmentId}", Map.of("name", "renamed")),
            new Route("DELETE", "/api/v1/workspaces/{workspaceId}/departments/{departmentId}", null),
            new Route("GET", "/api/v1/workspaces/{workspaceId}/departments/{departmentId}/members", null),
            new Route("POST", "/api/v1/workspaces/{workspaceId}/departments/{departmentId}/members",
                    Map.of("userIds", List.of(UUID.randomUUID()))),
            new Route("DELETE", "/api/v1/workspaces/{workspaceId}/departments/{departmentId}/members/{userId}", null),
            new Route("GET", "/api/v1/workspaces/{workspaceId}/notifications", null),
            new Route("POST", "/api/v1/workspaces/{workspaceId}/notifications/read", null),
            new Route("POST", "/api/v1/workspaces/{workspaceId}/notifications/{id}/read", null));

    Session ownerA;
    Session ownerB;
    UUID workspaceB;
    Map<String, String> idsOfB;

    @BeforeEach
    void twoWorkspaces() {
        if (ownerA != null) {
            return;
        }
        ownerA = TestUsers.platformAdmin();
        ownerA.createWorkspace("甲公司 " + UUID.randomUUID());
        ownerB = TestUsers.platformAdmin();
        workspaceB = ownerB.createWorkspace("乙公司 " + UUID.randomUUID());
        String appId = ownerB.api().body(Map.of("name", "乙的客户管理")).post("/api/v1/workspaces/" + workspaceB + "/apps")
                .then().statusCode(201).extract().path("id");
        String roleId = ownerB.api().body(Map.of("name", "乙的角色", "permissions", List.of("app.view")))
                .post("/api/v1/workspaces/" + workspaceB + "/roles").then().statusCode(201).extract().path("id");
        Session memberOfB = ownerB.addMember(workspaceB, "member");
        String departmentId = ownerB.api().body(Map.of("name", "乙的销售部"))
                .post("/api/v1/workspaces/" + workspaceB + "/departments").then().statusCode(201).extract().path("id");
        ownerB.api().body(Map.of("userIds", List.of(memberOfB.userId())))
                .post("/api/v1/workspaces/" + workspaceB + "/departments/" + departmentId + "/members").then().statusCode(204);
        idsOfB = Map.of("workspaceId", workspaceB.toString(), "appId", appId, "roleId", roleId,
                "userId", memberOfB.userId().toString(), "departmentId", departmentId, "id", "1");
    }

    @Test
    void everyWorkspaceRouteAnswers404ToAnOutsiderAndChangesNothing() {
        String before = snapshotOfB();
        for (Route route : ROUTES) {
            String path = fill(route.template());
            var request = ownerA.api();
            if (route.body() != null) {
                request = request.body(route.body());
            }
            Response response = request.request(route.method(), path);
            assertEquals(404, response.statusCode(), route.method() + " " + path + " answered " + response.asString());
            assertTrue(response.contentType().startsWith("application/problem+json"), route.method() + " " + path);
            response.then().body(not(containsString(idsOfB.get("appId")))).body(not(containsString("乙")));
        }
        assertEquals(before, snapshotOfB(), "an outsider's requests changed workspace B");
    }

    @Test
    void theOwnerReachesEveryReadRoute() {
        // the control group: a 404 above means isolation only if the owner gets an answer here
        for (Route route : ROUTES) {
            if (route.method().equals("GET")) {
                ownerB.api().get(fill(route.template())).then().statusCode(200);
            }
        }
    }

    @Test
    void theTableCoversEveryWorkspaceRouteOfTheApi() {
        Map<String, Map<String, Object>> paths = given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, operations) -> {
            if (path.contains("{workspaceId}")) {
                operations.keySet().stream().filter(m -> Set.of("get", "post", "put", "patch", "delete").contains(m))
                        .forEach(m -> documented.add(m.toUpperCase() + " " + path));
            }
        });
        Set<String> tested = new TreeSet<>();
        ROUTES.forEach(r -> tested.add(r.method() + " " + r.template()));
        List<String> missing = new ArrayList<>(documented);
        missing.removeAll(tested);
        assertTrue(missing.isEmpty(), "workspace routes without an isolation check: " + missing);
    }

    private String snapshotOfB() {
        return ownerB.api().get("/api/v1/workspaces/" + workspaceB).asString()
                + ownerB.api().get("/api/v1/workspaces/" + workspaceB + "/apps").asString()
                + ownerB.api().get("/api/v1/workspaces/" + workspaceB + "/roles").asString()
                + ownerB.api().get("/api/v1/workspaces/" + workspaceB + "/members").asString()
                + ownerB.api().get("/api/v1/workspaces/" + workspaceB + "/departments").asString();
    }

    private String fill(String template) {
        String path = template;
        for (var id : idsOfB.entrySet()) {
            path = path.replace("{" + id.getKey() + "}", id.getValue());
        }
        return path;
    }
}
