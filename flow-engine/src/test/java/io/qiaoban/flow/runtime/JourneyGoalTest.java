package io.qiaoban.flow.runtime;

import static io.qiaoban.flow.testing.FlowApp.edge;
import static io.qiaoban.flow.testing.FlowApp.field;
import static io.qiaoban.flow.testing.FlowApp.node;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qiaoban.core.testing.Delivery;
import io.qiaoban.flow.testing.FlowApp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Journey goals and exits on the real database with the movable clock: a customer who reaches the
 * goal ("placed an order") leaves the journey at once; reaching it after the journey ended still
 * counts within the window, before the journey began or after the window it does not; the conversion
 * report counts by version and A/B variant; an order in another app does not count; the exit condition
 * lets a customer go before their next step.
 */
@QuarkusTest
class JourneyGoalTest {
    FlowApp app;
    String members;
    String orders;

    @BeforeEach
    void shop() {
        app = new FlowApp("目标");
        members = app.form("member", "会员", List.of(field("phone", "手机", "text"), field("note", "备注", "text")));
        orders = app.form("order", "订单", List.of(field("phone", "手机", "text")));
    }

    /** New member: A/B on the coupon, wait a week, send it; the goal is their order within 30 days. */
    String welcomeJourney(Map<String, Object> extra) {
        Map<String, Object> graph = new LinkedHashMap<>(FlowApp.graph(List.of(
                        node("joined", "trigger", "入会", Map.of("on", "record.created", "form", "member", "customerField", "phone")),
                        node("ab", "ab", "券面额", Map.of("variants", List.of(Map.of("key", "ten", "percent", 50),
                                Map.of("key", "twenty", "percent", 50)))),
                        node("week", "wait", "等 7 天", Map.of("duration", "P7D")),
                        node("coupon", "action", "发券", Map.of("action", "message.send", "template", "coupon", "to", "=phone")),
                        node("end", "end", "结束", Map.of())),
                List.of(edge("joined", "ab", null), edge("ab", "week", "ten"), edge("ab", "week", "twenty"),
                        edge("week", "coupon", null), edge("coupon", "end", null))));
        graph.putAll(extra);
        return app.flow("journey", "入会礼", graph);
    }

    static Map<String, Object> orderGoal() {
        return Map.of("goal", Map.of("event", "record.created", "form", "order", "match", "phone", "within", "P30D"));
    }

    Map<String, Map<String, Object>> instancesByCustomer(String flow) {
        List<Map<String, Object>> all = app.admin.api().get(app.flows() + "/" + flow + "/instances").then().statusCode(200)
                .extract().path("$");
        Map<String, Map<String, Object>> byCustomer = new LinkedHashMap<>();
        all.forEach(i -> byCustomer.put((String) i.get("customerKey"), i));
        return byCustomer;
    }

    @Test
    void aCustomerWhoReachesTheGoalLeavesAtOnceAndConversionCountsByVersionAndVariant() {
        app.record(orders, Map.of("phone", "13500000005"));
        Delivery.drain();
        String flow = welcomeJourney(orderGoal());
        for (int i = 1; i <= 5; i++) {
            app.record(members, Map.of("phone", "1350000000" + i));
        }
        Delivery.drain();

        // day 2: the first customer orders and leaves the journey, their wait cancelled, no coupon
        app.advance("P2D");
        app.record(orders, Map.of("phone", "13500000001"));
        Delivery.drain();
        String first = (String) instancesByCustomer(flow).get("13500000001").get("id");
        app.instance(app.admin, first).then().statusCode(200)
                .body("instance.state", equalTo("completed"))
                .body("instance.exitReason", equalTo("goal"))
                .body("instance.goalReachedAt", notNullValue())
                .body("currentNodes", empty())
                .body("steps.find { it.nodeId == 'week' }.state", equalTo("cancelled"))
                .body("messages", empty());

        // an order of the same phone in another app of the workspace (its own "order" form) is not this journey's goal
        String otherApp = app.admin.api().body(Map.of("name", "分店")).post(app.ws() + "/apps").then().statusCode(201)
                .extract().path("id");
        String otherForms = app.ws() + "/apps/" + otherApp + "/forms";
        String otherOrders = app.admin.api().body(Map.of("key", "order", "name", "订单", "fields", List.of(field("phone", "手机", "text"))))
                .post(otherForms).then().statusCode(201).extract().path("id");
        app.admin.api().post(otherForms + "/" + otherOrders + "/publish").then().statusCode(200);
        app.admin.api().body(Map.of("phone", "13500000003")).post(otherForms + "/" + otherOrders + "/records").then().statusCode(201);
        Delivery.drain();
        assertEquals(null, instancesByCustomer(flow).get("13500000003").get("goalReachedAt"));

        // day 9: the others got their coupon; the second orders on day 10, after the journey ended
        app.advance("P7D");
        app.advance("P1D");
        app.record(orders, Map.of("phone", "13500000002"));
        Delivery.drain();
        Map<String, Object> second = instancesByCustomer(flow).get("13500000002");
        assertEquals("completed", second.get("state"));
        assertEquals("end", second.get("endNode"));
        app.instance(app.admin, (String) second.get("id")).then()
                .body("instance.goalReachedAt", notNullValue())
                .body("instance.exitReason", nullValue())
                .body("messages.template", hasItem("coupon"));

        // day 41: the fourth orders after the 30 days; the fifth ordered before joining: neither converts
        app.advance("P31D");
        app.record(orders, Map.of("phone", "13500000004"));
        Delivery.drain();
        Map<String, Map<String, Object>> now = instancesByCustomer(flow);
        assertEquals(null, now.get("13500000004").get("goalReachedAt"));
        assertEquals(null, now.get("13500000005").get("goalReachedAt"));

        JsonPath report = app.admin.api().get(app.flows() + "/" + flow + "/conversion").then().statusCode(200)
                .body("goal.event", equalTo("record.created"))
                .body("versions.version", equalTo(List.of(1)))
                .body("versions[0].entered", equalTo(5))
                .body("versions[0].converted", equalTo(2))
                .body("versions[0].running", equalTo(0))
                .extract().jsonPath();
        List<Map<String, Object>> variants = report.getList("variants");
        assertEquals(5, variants.stream().mapToInt(v -> (Integer) v.get("entered")).sum());
        assertEquals(2, variants.stream().mapToInt(v -> (Integer) v.get("converted")).sum());
        variants.forEach(v -> assertEquals("ab", v.get("split")));
    }

    @Test
    void theExitConditionLetsACustomerGoBeforeTheirNextStep() {
        String flow = welcomeJourney(Map.of("exitWhen", "note == \"退订\""));
        String leaving = app.record(members, Map.of("phone", "13400000001"));
        app.record(members, Map.of("phone", "13400000002"));
        Delivery.drain();
        app.admin.api().body(Map.of("note", "退订")).patch(app.forms() + "/" + members + "/records/" + leaving)
                .then().statusCode(200);
        app.advance("P7D");
        Map<String, Map<String, Object>> byCustomer = instancesByCustomer(flow);
        app.instance(app.admin, (String) byCustomer.get("13400000001").get("id")).then()
                .body("instance.state", equalTo("completed"))
                .body("instance.exitReason", equalTo("condition"))
                .body("messages", empty());
        app.instance(app.admin, (String) byCustomer.get("13400000002").get("id")).then()
                .body("instance.endNode", equalTo("end"))
                .body("messages.template", equalTo(List.of("coupon")));
        app.admin.api().get(app.flows() + "/" + flow + "/conversion").then().statusCode(200)
                .body("goal", nullValue())
                .body("versions[0].exited", equalTo(1));
    }

    @Test
    void aGoalWithoutEventOrWithTooLongAWindowIsRefusedOnTheGoal() {
        String id = app.admin.api().body(Map.of("kind", "journey", "name", "坏目标", "graph", Map.of(
                        "nodes", List.of(node("s", "trigger", "开始", Map.of("on", "manual")), node("e", "end", "结束", Map.of())),
                        "edges", List.of(edge("s", "e", null)),
                        "goal", Map.of("event", " ", "within", "P999D"))))
                .post(app.flows()).then().statusCode(201).extract().path("id");
        app.admin.api().post(app.flows() + "/" + id + "/publish").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("goal", "goal")))
                .body("errors.code", equalTo(List.of("flow.goal.event", "flow.goal.within")));
    }
}
