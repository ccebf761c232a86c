package io.qiaoban.flow.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiaoban.core.testing.Session;
import io.qiaoban.core.testing.TestUsers;
import io.qiaoban.flow.testing.FlowApp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Designing flows over the API on the real database: a draft is kept whatever its problems (listed
 * on their nodes), publishing refuses a broken graph with every problem and stores immutable
 * versions, stale saves get 412, and nothing of another workspace can be reached.
 */
@QuarkusTest
class FlowResourceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    Session admin;
    UUID workspace;
    String flows;

    @BeforeEach
    void app() {
        admin = TestUsers.platformAdmin();
        workspace = admin.createWorkspace("流程 " + UUID.randomUUID());
        String app = admin.api().body(Map.of("name", "审批")).post("/api/v1/workspaces/" + workspace + "/apps").then()
                .statusCode(201).extract().path("id");
        flows = "/api/v1/workspaces/" + workspace + "/apps/" + app + "/flows";
    }

    static Map<?, ?> fixture(String name) throws Exception {
        try (InputStream in = FlowResourceTest.class.getResourceAsStream(
                "/io/qiaoban/flow/graph/FlowGraphValidatorTest/" + name + ".flow.json")) {
            return JSON.readValue(in, Map.class);
        }
    }

    @Test
    void aNewFlowStartsRunnableAndPublishesVersionsThatNeverChange() throws Exception {
        Response created = admin.api().body(Map.of("kind", "approval", "name", "折扣审批")).post(flows);
        created.then().statusCode(201).header("ETag", containsString("1")).body("problems", empty())
                .body("draft.nodes.type", equalTo(List.of("trigger", "end"))).body("publishedVersion", nullValue());
        String id = created.path("id");

        admin.api().header("If-Match", "1").body(Map.of("graph", fixture("countersign-approval"))).put(flows + "/" + id)
                .then().statusCode(200).body("draftVersion", equalTo(2)).body("problems", empty());
        admin.api().header("If-Match", "2").post(flows + "/" + id + "/publish").then().statusCode(200)
                .body("publishedVersion", equalTo(1)).body("changedSincePublish", equalTo(false));
        admin.api().post(flows + "/" + id + "/publish").then().statusCode(409)
                .body("type", endsWith("/flow.unchanged"));

        // a new draft does not touch version 1
        Map<String, Object> renamed = new java.util.HashMap<>();
        renamed.put("name", "折扣审批（新）");
        renamed.put("graph", Map.of("nodes", List.of(Map.of("id", "start", "type", "trigger", "config", Map.of("on", "manual")),
                Map.of("id", "end", "type", "end")), "edges", List.of(Map.of("from", "start", "to", "end"))));
        admin.api().body(renamed).put(flows + "/" + id).then().statusCode(200).body("changedSincePublish", equalTo(true));
        admin.api().post(flows + "/" + id + "/publish").then().statusCode(200).body("publishedVersion", equalTo(2));
        admin.api().get(flows + "/" + id + "/versions").then().statusCode(200).body("version", equalTo(List.of(2, 1)));
        admin.api().get(flows + "/" + id + "/versions/1").then().statusCode(200).body("nodes", hasSize(8));
        admin.api().get(flows + "/" + id + "/versions/2").then().statusCode(200).body("nodes", hasSize(2));
        admin.api().get(flows + "/" + id + "/versions/3").then().statusCode(404);
        admin.api().get(flows).then().statusCode(200).body("name", hasItem("折扣审批（新）"))
                .body("find { it.id == '" + id + "' }.publishedVersion", equalTo(2));
        admin.api().get("/api/v1/workspaces/" + workspace + "/audit?type=flow.published").then()
                .body("items.detail.version", hasItem(2));
    }

    @Test
    void aBrokenDraftIsKeptWithItsProblemsAndRefusedAtPublish() {
        String id = admin.api().body(Map.of("kind", "journey", "name", "新客旅程")).post(flows).then().statusCode(201)
                .extract().path("id");
        Map<String, Object> broken = Map.of("graph", Map.of(
                "nodes", List.of(Map.of("id", "start", "type", "trigger", "config", Map.of("on", "record.created")),
                        Map.of("id", "wait", "type", "wait", "config", Map.of("duration", "P0D")),
                        Map.of("id", "lost", "type", "action", "config", Map.of("action", "message.send")),
                        Map.of("id", "end", "type", "end")),
                "edges", List.of(Map.of("from", "start", "to", "wait"), Map.of("from", "wait", "to", "end"))));
        admin.api().header("Accept-Language", "zh-CN").body(broken).put(flows + "/" + id).then().statusCode(200)
                .body("draftVersion", equalTo(2))
                .body("problems.field", hasItem("nodes.wait")).body("problems.field", hasItem("nodes.lost"))
                .body("problems.find { it.nodeId == 'lost' && it.code == 'flow.graph.unreachable' }.message",
                        equalTo("从触发节点走不到这个节点。"));
        admin.api().header("Accept-Language", "en").post(flows + "/" + id + "/publish").then().statusCode(400)
                .contentType("application/problem+json").body("type", endsWith("/flow.invalid"))
                .body("errors.field", hasItem("nodes.wait")).body("errors.code", hasItem("flow.config.duration"))
                .body("errors.message", hasItem("This node cannot be reached from the trigger."));
        admin.api().get(flows + "/" + id).then().body("publishedVersion", nullValue());
        admin.api().get(flows + "/" + id + "/versions").then().body("", empty());
    }

    @Test
    void badRequestsAreProblemsThatChangeNothing() {
        Response created = admin.api().body(Map.of("kind", "approval", "name", "请假")).post(flows);
        String id = created.path("id");
        String before = admin.api().get(flows + "/" + id).asString();
        admin.api().body(Map.of("kind", "approval", "name", "请假")).post(flows).then().statusCode(409)
                .body("type", endsWith("/name-taken"));
        admin.api().body(Map.of("kind", "workflow", "name", "x")).post(flows).then().statusCode(400)
                .body("errors[0].field", equalTo("kind"));
        admin.api().body(Map.of("kind", "approval", "name", " ")).post(flows).then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
        admin.api().header("If-Match", "7").body(Map.of("graph", Map.of("nodes", List.of(), "edges", List.of())))
                .put(flows + "/" + id).then().statusCode(412);
        admin.api().body(Map.of("graph", Map.of("nodes", "many"))).put(flows + "/" + id).then().statusCode(400)
                .contentType("application/problem+json");
        admin.api().body(Map.of("graph", Map.of("nodes", List.of(Map.of("id", "a", "type", "trigger", "script", "rm -rf")))))
                .put(flows + "/" + id).then().statusCode(400);
        assertEquals(before, admin.api().get(flows + "/" + id).asString());

        Session member = admin.addMember(workspace, "member");
        member.api().get(flows).then().statusCode(200);
        member.api().body(Map.of("kind", "approval", "name", "越权")).post(flows).then().statusCode(403);
        member.api().post(flows + "/" + id + "/publish").then().statusCode(403);
        member.api().delete(flows + "/" + id).then().statusCode(403);
        admin.api().delete(flows + "/" + id).then().statusCode(204);
        admin.api().get(flows + "/" + id).then().statusCode(404);
    }

    /** Every flow route of the API (read from the OpenAPI document) answers 404 to another workspace's owner. */
    @Test
    void nothingOfAnotherWorkspaceCanBeReachedOrChanged() throws Exception {
        String id = admin.api().body(Map.of("kind", "approval", "name", "乙的审批", "graph", fixture("countersign-approval")))
                .post(flows).then().statusCode(201).extract().path("id");
        admin.api().post(flows + "/" + id + "/publish").then().statusCode(200);
        String app = flows.split("/apps/")[1].split("/")[0];
        FlowApp.Waiting waiting = FlowApp.approvalWaitingFor(admin, workspace, app, admin);
        String before = admin.api().get(flows + "/" + id).asString() + admin.api().get(flows + "/" + id + "/versions").asString()
                + admin.api().get("/api/v1/workspaces/" + workspace + "/flow-instances/" + waiting.instanceId()).asString();

        Session outsider = TestUsers.platformAdmin();
        outsider.createWorkspace("甲 " + UUID.randomUUID());
        Map<String, Map<String, Object>> paths = given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        List<String> checked = new ArrayList<>();
        for (var path : paths.entrySet()) {
            if (!path.getKey().matches(".*/(flows|flow-instances|flow-schedules|inbox|tasks|messages|message-opt-outs)(/.*)?")) {
                continue;
            }
            for (String method : path.getValue().keySet()) {
                if (!Set.of("get", "post", "put", "delete").contains(method)) {
                    continue;
                }
                String url = path.getKey().replace("{workspaceId}", workspace.toString()).replace("{appId}", app)
                        .replace("{flowId}", id).replace("{version}", "1").replace("{instanceId}", waiting.instanceId())
                        .replace("{taskId}", waiting.taskId());
                var request = outsider.api();
                // a body the route accepts, so that only the workspace decides the answer
                if (method.equals("put")) {
                    request = request.body(Map.of("name", "篡改", "graph", Map.of("nodes", List.of())));
                } else if (method.equals("post") && path.getKey().endsWith("/flows")) {
                    request = request.body(Map.of("kind", "approval", "name", "篡改"));
                } else if (method.equals("post") && path.getKey().endsWith("/decision")) {
                    request = request.body(Map.of("action", "approve"));
                } else if (method.equals("post") && path.getKey().endsWith("/message-opt-outs")) {
                    request = request.body(Map.of("recipient", "13800000000"));
                } else if (method.equals("post")) {
                    request = request.body(Map.of());
                }
                Response r = request.request(method.toUpperCase(), "/api" + url.replaceFirst("^/api", ""));
                assertEquals(404, r.statusCode(), method + " " + url + " answered " + r.asString());
                r.then().body(not(containsString("乙的审批")));
                checked.add(method + " " + path.getKey());
            }
        }
        assertTrue(checked.size() >= 16, "expected every flow route, walked " + checked);
        assertEquals(before, admin.api().get(flows + "/" + id).asString() + admin.api().get(flows + "/" + id + "/versions").asString()
                + admin.api().get("/api/v1/workspaces/" + workspace + "/flow-instances/" + waiting.instanceId()).asString());
    }
}
