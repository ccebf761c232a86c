package io.qiaoban.flow.approval;

import static io.qiaoban.flow.testing.FlowApp.edge;
import static io.qiaoban.flow.testing.FlowApp.field;
import static io.qiaoban.flow.testing.FlowApp.graph;
import static io.qiaoban.flow.testing.FlowApp.node;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.qiaoban.core.testing.Delivery;
import io.qiaoban.core.testing.Session;
import io.qiaoban.flow.testing.FlowApp;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Timeout with reminder" on the real database and job queue with the movable clock: an approver
 * whose task waited the node's remindAfter gets one in-app notice (and the inbox says so), counted
 * from the moment the task became theirs (the second of a sequence waits from their turn), never
 * twice, and nobody is reminded of a task already decided. A reminder after the timeout is refused.
 */
@QuarkusTest
class ApprovalReminderTest {
    FlowApp app;
    Session first;
    Session second;
    String form;
    String flow;

    @BeforeEach
    void sequentialApprovalWithAReminder() {
        app = new FlowApp("催办");
        first = app.admin.addMember(app.workspace, "member");
        second = app.admin.addMember(app.workspace, "member");
        form = app.form("refund", "退款申请", List.of(field("amount", "金额", "number")));
        flow = app.flow("approval", "退款审批", graph(List.of(
                        node("start", "trigger", "提交", Map.of("on", "manual", "form", "refund")),
                        node("check", "approval", "逐级审批", Map.of("mode", "sequential", "remindAfter", "PT4H",
                                "assignees", Map.of("by", "user", "users", List.of(first.userId().toString(), second.userId().toString())))),
                        node("end", "end", "结束", Map.of())),
                List.of(edge("start", "check", null), edge("check", "end", null))));
    }

    static Session signedInAgain(Session who) {
        return new Session(who.userId(), who.username(), who.password(), Session.login(who.username(), who.password()));
    }

    String notices() {
        return app.ws() + "/notifications";
    }

    @Test
    void eachApproverIsRemindedOnceAfterTheirTaskWaitedRemindAfter() {
        String record = app.record(form, Map.of("amount", 300));
        app.start(app.admin, flow, record).then().statusCode(201);
        Delivery.drain();

        app.advance("PT3H");
        first.api().get(notices()).then().statusCode(200).body("unread", equalTo(0));
        app.advance("PT2H");
        first.api().get(notices()).then().body("unread", equalTo(1))
                .body("items[0].title", equalTo("审批催办：退款审批"))
                .body("items[0].body", equalTo("“退款审批”的“逐级审批”还在等你审批，请尽快处理。"))
                .body("items[0].link", endsWith("/inbox?task=" + app.onlyTask(first)));
        app.inbox(first, "todo").then().body("[0].remindedAt", notNullValue());
        second.api().get(notices()).then().body("unread", equalTo(0));

        // the first decides; the second's four hours start now
        app.decide(first, app.onlyTask(first), Map.of("action", "approve")).then().statusCode(200);
        Delivery.drain();
        app.inbox(second, "todo").then().body("$", hasSize(1)).body("[0].remindedAt", nullValue());
        app.advance("PT3H");
        second.api().get(notices()).then().body("unread", equalTo(0));
        app.advance("PT2H");
        second.api().get(notices()).then().body("unread", equalTo(1));

        // never twice (sessions age with the clock: sign in again)
        app.advance("PT9H");
        first = signedInAgain(first);
        second = signedInAgain(second);
        first.api().get(notices()).then().body("items", hasSize(1));
        second.api().get(notices()).then().body("items", hasSize(1));
    }

    @Test
    void aTaskDecidedInTimeIsNotReminded() {
        String record = app.record(form, Map.of("amount", 50));
        app.start(app.admin, flow, record).then().statusCode(201);
        Delivery.drain();
        app.advance("PT1H");
        app.decide(first, app.onlyTask(first), Map.of("action", "approve")).then().statusCode(200);
        app.decide(second, app.onlyTask(second), Map.of("action", "approve")).then().statusCode(200);
        app.advance("PT6H");
        first.api().get(notices()).then().body("items", hasSize(0));
        second.api().get(notices()).then().body("items", hasSize(0));
    }

    @Test
    void aReminderAfterTheTimeoutIsRefusedOnItsNode() {
        String id = app.admin.api().body(Map.of("kind", "approval", "name", "晚催办", "graph", graph(List.of(
                                node("s", "trigger", "提交", Map.of("on", "manual")),
                                node("a", "approval", "审批", Map.of("remindAfter", "P2D", "timeout", "P1D",
                                        "assignees", Map.of("by", "user", "users", List.of(first.userId().toString())))),
                                node("e", "end", "结束", Map.of())),
                        List.of(edge("s", "a", null), edge("a", "e", null)))))
                .post(app.flows()).then().statusCode(201).extract().path("id");
        app.admin.api().post(app.flows() + "/" + id + "/publish").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("nodes.a")))
                .body("errors.code", equalTo(List.of("flow.config.remindAfter")));
    }
}
