package io.qiaoban.flow.testing;


import io.qiaoban.core.testing.Delivery;
import io.qiaoban.core.testing.Session;
import io.qiaoban.core.testing.TestUsers;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A workspace with one app, and what the runtime tests do in it through the API: publish forms and
 * flows, write records, run the outbox and jobs, move the clock.
 */
public final class FlowApp {
    /** Logged in again after the clock moved past the session's lifetime. */
    public Session admin;
    public final UUID workspace;
    public final String app;

    public FlowApp(String name) {
        admin = TestUsers.platformAdmin();
        workspace = admin.createWorkspace(name + " " + UUID.randomUUID().toString().substring(0, 6));
        app = admin.api().body(Map.of("name", "CRM")).post("/api/v1/workspaces/" + workspace + "/apps")
                .then().statusCode(201).extract().path("id");
    }

    public String ws() {
        return "/api/v1/workspaces/" + workspace;
    }

    public String forms() {
        return ws() + "/apps/" + app + "/forms";
    }

    public String flows() {
        return ws() + "/apps/" + app + "/flows";
    }

    /** Creates and publishes a form; returns its id. */
    public String form(String key, String name, List<Map<String, Object>> fields) {
        String id = admin.api().body(Map.of("key", key, "name", name, "fields", fields)).post(forms())
                .then().statusCode(201).extract().path("id");
        admin.api().post(forms() + "/" + id + "/publish").then().statusCode(200);
        return id;
    }

    public static Map<String, Object> field(String key, String label, String type, Object... more) {
        Map<String, Object> f = new LinkedHashMap<>(Map.of("key", key, "label", label, "type", type));
        for (int i = 0; i < more.length; i += 2) {
            f.put((String) more[i], more[i + 1]);
        }
        return f;
    }

    public String record(String formId, Map<String, Object> data) {
        return admin.api().body(data).post(forms() + "/" + formId + "/records").then().statusCode(201).extract().path("id");
    }

    /** Creates a flow with a graph and publishes it; returns its id. */
    public String flow(String kind, String name, Map<String, Object> graph) {
        String id = admin.api().body(Map.of("kind", kind, "name", name, "graph", graph)).post(flows())
                .then().statusCode(201).extract().path("id");
        admin.api().post(flows() + "/" + id + "/publish").then().statusCode(200);
        return id;
    }

    public Response start(Session who, String flowId, Object recordId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recordId", recordId);
        return who.api().body(body).post(flows() + "/" + flowId + "/instances");
    }

    public Response instance(Session who, String instanceId) {
        Response r = who.api().get(ws() + "/flow-instances/" + instanceId);
        r.then().log().ifValidationFails();
        return r;
    }

    public Response inbox(Session who, String box) {
        return who.api().queryParam("box", box).get(ws() + "/inbox");
    }

    public Response decide(Session who, String taskId, Map<String, Object> decision) {
        return who.api().body(decision).post(ws() + "/tasks/" + taskId + "/decision");
    }

    /** The id of the one task waiting in a person's inbox. */
    public String onlyTask(Session who) {
        List<String> ids = inbox(who, "todo").then().statusCode(200).extract().path("taskId");
        if (ids.size() != 1) {
            throw new AssertionError("expected one task for " + who.username() + ", found " + ids.size());
        }
        return ids.get(0);
    }

    /** Moves the platform clock forward (the test profile's movable clock) and runs what came due. */
    public void advance(String duration) {
        admin.api().body(Map.of("advance", duration)).post("/api/v1/test/clock").then().log().ifValidationFails().statusCode(200);
        admin = new Session(admin.userId(), admin.username(), admin.password(), Session.login(admin.username(), admin.password()));
        Delivery.drain();
    }

    public static Map<String, Object> node(String id, String type, String name, Map<String, Object> config) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("id", id);
        n.put("type", type);
        n.put("name", name);
        n.put("config", config);
        return n;
    }

    public static Map<String, Object> edge(String from, String to, String when) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("from", from);
        e.put("to", to);
        if (when != null) {
            e.put("when", when);
        }
        return e;
    }

    public static Map<String, Object> graph(List<Map<String, Object>> nodes, List<Map<String, Object>> edges) {
        return Map.of("nodes", nodes, "edges", edges);
    }


    /** What an approval waiting for {@code approver} leaves behind: its flow, instance and task ids. */
    public record Waiting(String flowId, String instanceId, String taskId) {
    }

    /** Publishes "manual start -> approval by the given user -> end" in an app, starts it and runs it to the approval. */
    public static Waiting approvalWaitingFor(Session admin, UUID workspace, String app, Session approver) {
        String flows = "/api/v1/workspaces/" + workspace + "/apps/" + app + "/flows";
        Map<String, Object> graph = graph(List.of(node("start", "trigger", "提交", Map.of("on", "manual")),
                        node("ok", "approval", "审批", Map.of("assignees", Map.of("by", "user", "users",
                                List.of(approver.userId().toString())))),
                        node("end", "end", "结束", Map.of())),
                List.of(edge("start", "ok", null), edge("ok", "end", null)));
        String flow = admin.api().body(Map.of("kind", "approval", "name", "等待审批 " + UUID.randomUUID(), "graph", graph))
                .post(flows).then().statusCode(201).extract().path("id");
        admin.api().post(flows + "/" + flow + "/publish").then().statusCode(200);
        String instance = admin.api().body(Map.of()).post(flows + "/" + flow + "/instances").then().statusCode(201)
                .extract().path("id");
        Delivery.drain();
        List<String> tasks = approver.api().queryParam("box", "todo").get("/api/v1/workspaces/" + workspace + "/inbox")
                .then().statusCode(200).extract().path("taskId");
        return new Waiting(flow, instance, tasks.get(0));
    }
}
