package io.qiaoban.flow.runtime;

import static io.qiaoban.core.testing.Delivery.count;
import static io.qiaoban.flow.testing.FlowApp.edge;
import static io.qiaoban.flow.testing.FlowApp.field;
import static io.qiaoban.flow.testing.FlowApp.node;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qiaoban.flow.testing.FlowApp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The designer's test mode: a draft journey run for sample records on a simulated clock answers each
 * one's path, messages and changes, with the engine's own conditions, goal and event waits, and leaves
 * nothing behind (no instance, message, event, job or record change). Bad requests get problem+json.
 */
@QuarkusTest
class SimulationTest {
    FlowApp app;
    String orders;

    @BeforeEach
    void shop() {
        app = new FlowApp("测试运行");
        orders = app.form("order", "订单", List.of(field("phone", "手机", "text"), field("orderCount", "下单次数", "number"),
                field("note", "备注", "text")));
    }

    /** The new-customer journey, saved as a draft only; {@code extra} adds graph settings (goal, exitWhen). */
    String draftJourney(Map<String, Object> extra) {
        Map<String, Object> graph = new LinkedHashMap<>(FlowApp.graph(List.of(
                        node("firstOrder", "trigger", "首单", Map.of("on", "record.created", "form", "order", "customerField", "phone")),
                        node("thanks", "action", "感谢短信", Map.of("action", "message.send", "template", "thanks", "to", "=phone",
                                "marketing", false)),
                        node("tag", "action", "备注", Map.of("action", "record.update", "values", Map.of("note", "已感谢"))),
                        node("week", "wait", "等 7 天", Map.of("duration", "P7D")),
                        node("repurchased", "condition", "复购了吗", Map.of()),
                        node("coupon", "action", "发券", Map.of("action", "message.send", "template", "coupon-10", "to", "=phone",
                                "body", "=note + \"，送您 10 元券\"")),
                        node("loyal", "end", "已复购", Map.of()),
                        node("end", "end", "结束", Map.of())),
                List.of(edge("firstOrder", "thanks", null), edge("thanks", "tag", null), edge("tag", "week", null),
                        edge("week", "repurchased", null), edge("repurchased", "loyal", "orderCount > 1"),
                        edge("repurchased", "coupon", "else"), edge("coupon", "end", null))));
        graph.putAll(extra);
        return app.admin.api().body(Map.of("kind", "journey", "name", "新客关怀草稿", "graph", graph)).post(app.flows())
                .then().statusCode(201).extract().path("id");
    }

    JsonPath simulate(String flow, Map<String, Object> request) {
        return app.admin.api().body(request).post(app.flows() + "/" + flow + "/simulations").then().log().ifValidationFails()
                .statusCode(200).extract().jsonPath();
    }

    long traces() {
        return count("select count(*) from flow_instance where workspace_id = ?", app.workspace)
                + count("select count(*) from flow_message where workspace_id = ?", app.workspace)
                + count("select count(*) from job where workspace_id = ?", app.workspace);
    }

    @Test
    void aDraftJourneyShowsEachSamplesPathMessagesAndChangesWithoutSideEffects() {
        String flow = draftJourney(Map.of());
        String once = app.record(orders, Map.of("phone", "13800000011", "orderCount", 1));
        String twice = app.record(orders, Map.of("phone", "13800000012", "orderCount", 2));
        long before = traces();
        long outboxBefore = count("select count(*) from outbox where workspace_id = ?", app.workspace);
        Instant start = Instant.parse("2026-12-01T02:00:00Z");

        JsonPath paths = simulate(flow, Map.of("recordIds", List.of(once, twice), "start", start.toString()));
        assertEquals(List.of("firstOrder", "thanks", "tag", "week", "repurchased", "coupon", "end"), paths.getList("[0].steps.nodeId"));
        assertEquals("completed", paths.getString("[0].end"));
        assertEquals("13800000011", paths.getString("[0].customerKey"));
        assertEquals(List.of("thanks", "coupon-10"), paths.getList("[0].messages.template"));
        assertEquals(List.of("queued", "queued"), paths.getList("[0].messages.state"));
        assertEquals(start.plus(Duration.ofDays(7)).toString(), paths.getString("[0].messages[1].at"));
        // the update ran on the sample in memory: the coupon's text reads the new note
        assertEquals("已感谢，送您 10 元券", paths.getString("[0].messages[1].body"));
        assertEquals("record.update", paths.getString("[0].changes[0].action"));
        assertEquals("loyal", paths.getString("[1].endNode"));
        assertEquals(List.of("thanks"), paths.getList("[1].messages.template"));

        assertEquals(before, traces());
        assertEquals(outboxBefore, count("select count(*) from outbox where workspace_id = ?", app.workspace));
        app.admin.api().get(app.forms() + "/" + orders + "/records/" + once).then().body("data.note", equalTo(null));
    }

    @Test
    void theCustomersEventsReachTheGoalOrEndAnEventWait() {
        String flow = draftJourney(Map.of("goal", Map.of("event", "record.created", "form", "order", "match", "phone")));
        String sample = app.record(orders, Map.of("phone", "13800000021", "orderCount", 1));
        JsonPath reached = simulate(flow, Map.of("recordIds", List.of(sample),
                "events", List.of(Map.of("event", "record.created", "form", "order", "after", "P3D"))));
        assertEquals("goal", reached.getString("[0].end"));
        // they left during the week's wait, on day 3
        assertEquals("week", reached.getString("[0].endNode"));
        assertEquals(List.of("thanks"), reached.getList("[0].messages.template"));

        String waits = app.admin.api().body(Map.of("kind", "journey", "name", "等复购草稿", "graph", FlowApp.graph(List.of(
                        node("order", "trigger", "下单", Map.of("on", "record.created", "form", "order", "customerField", "phone")),
                        node("again", "wait", "等复购", Map.of("event", "record.created", "form", "order", "match", "phone",
                                "timeout", "P30D")),
                        node("back", "end", "回来了", Map.of()),
                        node("lost", "end", "流失", Map.of())),
                List.of(edge("order", "again", null), edge("again", "back", null), edge("again", "lost", "timeout")))))
                .post(app.flows()).then().statusCode(201).extract().path("id");
        assertEquals("back", simulate(waits, Map.of("recordIds", List.of(sample),
                "events", List.of(Map.of("event", "record.created", "after", "P10D")))).getString("[0].endNode"));
        assertEquals("lost", simulate(waits, Map.of("recordIds", List.of(sample),
                "events", List.of(Map.of("event", "record.created", "after", "P40D")))).getString("[0].endNode"));
    }

    @Test
    void badTestRequestsGetProblemsAndAnUnrunnableDraftItsProblems() {
        String flow = draftJourney(Map.of());
        String sample = app.record(orders, Map.of("phone", "13800000031", "orderCount", 1));
        String url = app.flows() + "/" + flow + "/simulations";
        app.admin.api().body(Map.of("recordIds", List.of())).post(url).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("recordIds"));
        app.admin.api().body(Map.of("recordIds", List.of(sample), "events", List.of(Map.of("event", "x", "after", "P999D"))))
                .post(url).then().statusCode(400).body("errors.field", hasItem("events[0].after"));
        app.admin.api().body(Map.of("recordIds", List.of(UUID.randomUUID().toString()))).post(url).then().statusCode(404);
        app.admin.api().body(Map.of("graph", FlowApp.graph(List.of(node("s", "trigger", "开始", Map.of("on", "record.created",
                        "form", "order"))), List.of()))).put(app.flows() + "/" + flow).then().statusCode(200);
        app.admin.api().body(Map.of("recordIds", List.of(sample))).post(url).then().statusCode(400)
                .body("type", org.hamcrest.Matchers.endsWith("flow.invalid"));
    }
}
