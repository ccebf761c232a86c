package io.qiaoban.flow.runtime;

import static io.qiaoban.core.testing.Delivery.count;
import static io.qiaoban.flow.testing.FlowApp.edge;
import static io.qiaoban.flow.testing.FlowApp.field;
import static io.qiaoban.flow.testing.FlowApp.graph;
import static io.qiaoban.flow.testing.FlowApp.node;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qiaoban.core.event.DomainEvent;
import io.qiaoban.core.testing.Delivery;
import io.qiaoban.core.testing.Session;
import io.qiaoban.flow.testing.FlowApp;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Automation journeys on the real database, with the test profile's movable clock: the new-customer
 * journey (thanks now, wait 7 days, no repurchase? coupon), waits for "this customer ordered again"
 * with a timeout, parallel branches and A/B splits, frequency caps and opt-outs, refused actions, and
 * redelivered events that start nothing twice.
 */
@QuarkusTest
class JourneyRuntimeTest {
    FlowApp app;
    String orders;

    @BeforeEach
    void shop() {
        app = new FlowApp("旅程");
        orders = app.form("order", "订单", List.of(field("phone", "手机", "text"), field("orderCount", "下单次数", "number"),
                field("note", "备注", "text")));
    }

    String newCustomerJourney() {
        return app.flow("journey", "新客关怀", graph(List.of(
                        node("firstOrder", "trigger", "首单", Map.of("on", "record.created", "form", "order", "customerField", "phone")),
                        node("thanks", "action", "感谢短信", Map.of("action", "message.send", "template", "thanks",
                                "to", "=phone", "marketing", false, "body", "=\"感谢您的订单\"")),
                        node("week", "wait", "等 7 天", Map.of("duration", "P7D")),
                        node("repurchased", "condition", "复购了吗", Map.of()),
                        node("coupon", "action", "发券", Map.of("action", "message.send", "template", "coupon-10", "to", "=phone")),
                        node("loyal", "end", "已复购", Map.of()),
                        node("end", "end", "结束", Map.of())),
                List.of(edge("firstOrder", "thanks", null), edge("thanks", "week", null), edge("week", "repurchased", null),
                        edge("repurchased", "loyal", "orderCount > 1"), edge("repurchased", "coupon", "else"),
                        edge("coupon", "end", null))));
    }

    List<Map<String, Object>> instancesOf(String flow) {
        return app.admin.api().get(app.flows() + "/" + flow + "/instances").then().statusCode(200).extract().path("$");
    }

    String onlyInstance(String flow) {
        List<Map<String, Object>> all = instancesOf(flow);
        assertEquals(1, all.size(), "instances: " + all);
        return (String) all.get(0).get("id");
    }

    @Test
    void theNewCustomerJourneyThanksWaitsAWeekAndSendsACouponWithoutRepurchase() {
        String flow = newCustomerJourney();
        app.record(orders, Map.of("phone", "13800000001", "orderCount", 1));
        Delivery.drain();
        String instance = onlyInstance(flow);
        app.instance(app.admin, instance).then().statusCode(200)
                .body("instance.state", equalTo("running"))
                .body("instance.customerKey", equalTo("13800000001"))
                .body("currentNodes", equalTo(List.of("week")))
                .body("steps.find { it.nodeId == 'week' }.dueAt", notNullValue())
                .body("messages", hasSize(1))
                .body("messages[0].template", equalTo("thanks"))
                .body("messages[0].body", equalTo("感谢您的订单"))
                .body("messages[0].state", equalTo("queued"));

        // nothing is due yet: running the queue again changes nothing
        Delivery.drain();
        app.advance("P6D");
        app.instance(app.admin, instance).then().body("currentNodes", equalTo(List.of("week")));

        app.advance("P1D");
        app.instance(app.admin, instance).then()
                .body("instance.state", equalTo("completed"))
                .body("instance.endNode", equalTo("end"))
                .body("steps.nodeId", equalTo(List.of("firstOrder", "thanks", "week", "repurchased", "coupon", "end")))
                .body("messages.template", equalTo(List.of("thanks", "coupon-10")));
        assertEquals(2, count("select count(*) from flow_message where instance_id = ?", UUID.fromString(instance)));

        // the monitor and the message log show customers' data whatever a reader's role sees of their records:
        // an operator (member) reads neither unless granted message.read; a builder holds it
        Session operator = app.admin.addMember(app.workspace, "member");
        operator.api().get(app.flows() + "/" + flow + "/instances").then().statusCode(403).contentType("application/problem+json");
        app.instance(operator, instance).then().statusCode(404);
        operator.api().get(app.ws() + "/messages").then().statusCode(403);
        operator.api().get(app.ws() + "/message-opt-outs").then().statusCode(403);
        Session builder = app.admin.addMember(app.workspace, "builder");
        builder.api().get(app.ws() + "/messages").then().statusCode(200).body("template", hasItem("coupon-10"));
        app.instance(builder, instance).then().statusCode(200);
        assertEquals(1, count("select count(*) from outbox where type = 'message.queued' and payload ->> 'template' = 'coupon-10' "
                + "and workspace_id = ?", app.workspace));
    }

    @Test
    void aCustomerWhoOrderedAgainTakesTheOtherBranch() {
        String flow = newCustomerJourney();
        String order = app.record(orders, Map.of("phone", "13800000002", "orderCount", 1));
        Delivery.drain();
        app.admin.api().body(Map.of("orderCount", 2)).patch(app.forms() + "/" + orders + "/records/" + order)
                .then().statusCode(200);
        app.advance("P7D");
        app.instance(app.admin, onlyInstance(flow)).then().body("instance.endNode", equalTo("loyal"))
                .body("messages.template", equalTo(List.of("thanks")));
    }

    @Test
    void aWaitForTheCustomersNextOrderEndsWithTheOrderOrItsTimeout() {
        String flow = app.flow("journey", "等复购", graph(List.of(
                        node("order", "trigger", "下单", Map.of("on", "record.created", "form", "order", "customerField", "phone")),
                        node("again", "wait", "等复购", Map.of("event", "record.created", "form", "order", "match", "phone",
                                "timeout", "P30D")),
                        node("back", "end", "回来了", Map.of()),
                        node("lost", "end", "流失", Map.of())),
                List.of(edge("order", "again", null), edge("again", "back", null), edge("again", "lost", "timeout"))));
        app.record(orders, Map.of("phone", "13900000001", "orderCount", 1));
        app.record(orders, Map.of("phone", "13900000002", "orderCount", 1));
        Delivery.drain();
        assertEquals(2, instancesOf(flow).size());

        // the first customer orders again: their first instance ends at once, the other customer's waits on
        app.record(orders, Map.of("phone", "13900000001", "orderCount", 2));
        Delivery.drain();
        Map<String, String> endOf = new java.util.HashMap<>();
        for (Map<String, Object> i : instancesOf(flow)) {
            endOf.merge(i.get("customerKey") + ":" + i.get("state"), String.valueOf(i.get("endNode")), (a, b) -> a + "," + b);
        }
        assertEquals("back", endOf.get("13900000001:completed"));
        assertEquals("null", endOf.get("13900000002:running"));

        app.advance("P30D");
        long lost = instancesOf(flow).stream().filter(i -> "lost".equals(i.get("endNode"))).count();
        // the second customer's instance, and the third instance (the repeat order started one too)
        assertEquals(2, lost);
    }

    @Test
    void parallelBranchesJoinAndAbVariantsStickToTheCustomer() {
        String flow = app.flow("journey", "并行与分流", graph(List.of(
                        node("start", "trigger", "开始", Map.of("on", "record.created", "form", "order", "customerField", "phone")),
                        node("split", "parallel", "同时", Map.of()),
                        node("sms", "action", "短信", Map.of("action", "message.send", "template", "hello", "to", "=phone",
                                "marketing", false)),
                        node("tag", "action", "备注", Map.of("action", "record.update", "values", Map.of("note", "已问候"))),
                        node("join", "join", "汇合", Map.of()),
                        node("ab", "ab", "分组", Map.of("variants", List.of(Map.of("key", "a", "percent", 50),
                                Map.of("key", "b", "percent", 50)))),
                        node("endA", "end", "A", Map.of()),
                        node("endB", "end", "B", Map.of())),
                List.of(edge("start", "split", null), edge("split", "sms", null), edge("split", "tag", null),
                        edge("sms", "join", null), edge("tag", "join", null), edge("join", "ab", null),
                        edge("ab", "endA", "a"), edge("ab", "endB", "b"))));
        for (int i = 0; i < 6; i++) {
            app.record(orders, Map.of("phone", "1370000000" + (i % 3), "orderCount", 1));
        }
        Delivery.drain();
        List<Map<String, Object>> all = instancesOf(flow);
        assertEquals(6, all.size());
        Map<Object, Object> variantOf = new java.util.HashMap<>();
        for (Map<String, Object> i : all) {
            assertEquals("completed", i.get("state"));
            Object previous = variantOf.put(i.get("customerKey"), i.get("endNode"));
            if (previous != null) {
                assertEquals(previous, i.get("endNode"), "a customer's second instance took another variant");
            }
            app.instance(app.admin, (String) i.get("id")).then()
                    .body("steps.findAll { it.nodeId == 'join' }.state", equalTo(List.of("done", "done")))
                    .body("steps.findAll { it.nodeId == 'ab' }", hasSize(1));
        }
    }

    @Test
    void capsAndOptOutsHoldMarketingMessagesBackButNotServiceOnes() {
        String flow = app.flow("journey", "三连发", graph(List.of(
                        node("start", "trigger", "开始", Map.of("on", "record.created", "form", "order", "customerField", "phone")),
                        node("m1", "action", "营销1", Map.of("action", "message.send", "template", "p1", "to", "=phone")),
                        node("m2", "action", "营销2", Map.of("action", "message.send", "template", "p2", "to", "=phone")),
                        node("m3", "action", "营销3", Map.of("action", "message.send", "template", "p3", "to", "=phone")),
                        node("s1", "action", "通知", Map.of("action", "message.send", "template", "shipped", "to", "=phone",
                                "marketing", false)),
                        node("end", "end", "结束", Map.of())),
                List.of(edge("start", "m1", null), edge("m1", "m2", null), edge("m2", "m3", null), edge("m3", "s1", null),
                        edge("s1", "end", null))));
        app.admin.api().body(Map.of("recipient", "13600000009")).post(app.ws() + "/message-opt-outs").then().statusCode(204);
        app.record(orders, Map.of("phone", "13600000001", "orderCount", 1));
        app.record(orders, Map.of("phone", "13600000009", "orderCount", 1));
        Delivery.drain();
        app.admin.api().queryParam("recipient", "13600000001").get(app.ws() + "/messages").then().statusCode(200)
                .body("template", equalTo(List.of("shipped", "p3", "p2", "p1")))
                .body("state", equalTo(List.of("queued", "capped", "queued", "queued")));
        app.admin.api().queryParam("recipient", "13600000009").get(app.ws() + "/messages").then().statusCode(200)
                .body("state", equalTo(List.of("queued", "opted-out", "opted-out", "opted-out")));
        app.admin.api().body(Map.of("recipient", " ")).post(app.ws() + "/message-opt-outs").then().statusCode(400);
        app.admin.api().queryParam("recipient", "0009").get(app.ws() + "/message-opt-outs").then().statusCode(200)
                .body("recipient", equalTo(List.of("13600000009")));
        app.admin.api().queryParam("recipient", "0001").get(app.ws() + "/message-opt-outs").then().body("$", hasSize(0));
        app.admin.api().queryParam("recipient", "13600000009").delete(app.ws() + "/message-opt-outs").then().statusCode(204);
        app.admin.api().get(app.ws() + "/message-opt-outs").then().body("$", hasSize(0));
        assertEquals(0, count("select count(*) from message_opt_out where workspace_id = ?", app.workspace));
        assertEquals(2, instancesOf(flow).stream().filter(i -> "completed".equals(i.get("state"))).count());
    }

    @Test
    void anActionOnADeletedRecordFailsTheInstanceWithTheReason() {
        String flow = app.flow("journey", "改单", graph(List.of(
                        node("start", "trigger", "开始", Map.of("on", "manual", "form", "order")),
                        node("wait", "wait", "等一小时", Map.of("duration", "PT1H")),
                        node("mark", "action", "标记", Map.of("action", "record.update", "values", Map.of("note", "已处理"))),
                        node("end", "end", "结束", Map.of())),
                List.of(edge("start", "wait", null), edge("wait", "mark", null), edge("mark", "end", null))));
        String order = app.record(orders, Map.of("phone", "13500000001", "orderCount", 1));
        String instance = app.start(app.admin, flow, order).then().statusCode(201).extract().path("id");
        Delivery.drain();
        app.admin.api().delete(app.forms() + "/" + orders + "/records/" + order).then().statusCode(204);
        app.advance("PT1H");
        app.admin.api().header("Accept-Language", "en").get(app.ws() + "/flow-instances/" + instance).then()
                .body("instance.state", equalTo("failed"))
                .body("steps.find { it.nodeId == 'mark' }.state", equalTo("failed"))
                .body("steps.find { it.nodeId == 'mark' }.error", containsString("record"));
        assertEquals(0, count("select count(*) from job where type = 'flow.step' and workspace_id = ?", app.workspace));
    }

    @Test
    void actionsTagTheCustomerAndStartAnotherFlowAboutTheSameRecord() {
        String members = app.form("member", "会员", List.of(field("phone", "手机", "text"), field("tags", "标签", "tags")));
        String welcome = app.flow("journey", "欢迎", graph(List.of(
                        node("start", "trigger", "开始", Map.of("on", "manual", "form", "member")),
                        node("hello", "action", "欢迎短信", Map.of("action", "message.send", "template", "welcome", "to", "=phone",
                                "marketing", false)),
                        node("end", "end", "结束", Map.of())),
                List.of(edge("start", "hello", null), edge("hello", "end", null))));
        String draft = app.admin.api().body(Map.of("kind", "journey", "name", "未发布")).post(app.flows())
                .then().statusCode(201).extract().path("id");
        String joined = app.flow("journey", "入会", graph(List.of(
                        node("start", "trigger", "入会", Map.of("on", "record.created", "form", "member", "customerField", "phone")),
                        node("tag", "action", "打标签", Map.of("action", "tag.add", "field", "tags", "tags", List.of("新客", "会员"))),
                        node("again", "action", "再打一次", Map.of("action", "tag.add", "field", "tags", "tags", List.of("新客"))),
                        node("welcome", "action", "启动欢迎", Map.of("action", "flow.start", "flow", welcome)),
                        node("draft", "action", "启动未发布", Map.of("action", "flow.start", "flow", draft)),
                        node("end", "end", "结束", Map.of())),
                List.of(edge("start", "tag", null), edge("tag", "again", null), edge("again", "welcome", null),
                        edge("welcome", "draft", null), edge("draft", "end", null))));
        String member = app.record(members, Map.of("phone", "13300000001", "tags", List.of("老客户")));
        Delivery.drain();

        app.admin.api().get(app.forms() + "/" + members + "/records/" + member).then()
                .body("data.tags", equalTo(List.of("老客户", "新客", "会员")));
        List<Map<String, Object>> started = instancesOf(welcome);
        assertEquals(1, started.size());
        assertEquals(member, started.get(0).get("subjectRecord"));
        assertEquals("13300000001", started.get(0).get("customerKey"));
        app.instance(app.admin, (String) started.get(0).get("id")).then()
                .body("instance.state", equalTo("completed"))
                .body("messages.template", equalTo(List.of("welcome")));
        // the second tagging changed nothing; starting a flow without a published version fails the caller with the reason
        app.instance(app.admin, onlyInstance(joined)).then()
                .body("steps.find { it.nodeId == 'again' }.detail.output.changed", equalTo(false))
                .body("instance.state", equalTo("failed"))
                .body("steps.find { it.nodeId == 'draft' }.state", equalTo("failed"));
    }

    @Test
    void aRedeliveredEventStartsEachFlowOnce() {
        String flow = newCustomerJourney();
        String order = app.record(orders, Map.of("phone", "13400000001", "orderCount", 1));
        FlowTriggers triggers = Arc.container().instance(FlowTriggers.class).get();
        DomainEvent event = new DomainEvent(424242L, app.workspace, "record.created", order,
                Map.of("app", app.app, "form", "order", "recordId", order, "data", Map.of("phone", "13400000001", "orderCount", 1)),
                null);
        QuarkusTransaction.requiringNew().run(() -> triggers.handle(event));
        QuarkusTransaction.requiringNew().run(() -> triggers.handle(event));
        Delivery.drain();
        // one from the real event, one from the replayed one, however often it came
        assertEquals(2, instancesOf(flow).size());
    }
}
