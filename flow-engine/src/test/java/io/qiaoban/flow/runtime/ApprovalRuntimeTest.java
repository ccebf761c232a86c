package io.qiaoban.flow.runtime;

import static io.qiaoban.flow.testing.FlowApp.edge;
import static io.qiaoban.flow.testing.FlowApp.field;
import static io.qiaoban.flow.testing.FlowApp.graph;
import static io.qiaoban.flow.testing.FlowApp.node;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qiaoban.core.testing.Delivery;
import io.qiaoban.core.testing.Session;
import io.qiaoban.flow.testing.FlowApp;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Approvals on the real database through the API: a three-step discount approval (the manager from the
 * record's member field, a countersign by two people, a sequential sign-off) is decided through the
 * inbox; rejections, returns, transfers and added signers change the path; people who are not the
 * assignee, double clicks and ended instances get clear problems and change nothing.
 */
@QuarkusTest
class ApprovalRuntimeTest {
    FlowApp app;
    Session manager;
    Session finance1;
    Session finance2;
    Session ceo;
    String form;
    String flow;

    @BeforeEach
    void discountApproval() {
        app = new FlowApp("审批");
        manager = app.admin.addMember(app.workspace, "member");
        finance1 = app.admin.addMember(app.workspace, "member");
        finance2 = app.admin.addMember(app.workspace, "member");
        ceo = app.admin.addMember(app.workspace, "member");
        form = app.form("discount", "折扣申请", List.of(field("amount", "金额", "number"), field("manager", "主管", "member"),
                field("status", "状态", "text")));
        flow = app.flow("approval", "折扣审批", graph(List.of(
                        node("start", "trigger", "提交", Map.of("on", "manual", "form", "discount")),
                        node("manager", "approval", "主管审批", Map.of("mode", "any",
                                "assignees", Map.of("by", "field", "field", "manager"))),
                        node("finance", "approval", "财务会签", Map.of("mode", "all",
                                "assignees", Map.of("by", "user", "users", List.of(finance1.userId().toString(),
                                        finance2.userId().toString())))),
                        node("ceo", "approval", "总经理", Map.of("mode", "sequential",
                                "assignees", Map.of("by", "user", "users", List.of(ceo.userId().toString())))),
                        node("approved", "action", "标记已批准", Map.of("action", "record.update", "values", Map.of("status", "已批准"))),
                        node("rejected", "action", "标记已驳回", Map.of("action", "record.update", "values", Map.of("status", "已驳回"))),
                        node("done", "end", "完成", Map.of()),
                        node("closed", "end", "关闭", Map.of())),
                List.of(edge("start", "manager", null), edge("manager", "finance", "approved"),
                        edge("manager", "rejected", "rejected"), edge("finance", "ceo", null),
                        edge("finance", "rejected", "rejected"), edge("ceo", "approved", null),
                        edge("ceo", "rejected", "rejected"), edge("approved", "done", null), edge("rejected", "closed", null))));
    }

    String request() {
        String record = app.record(form, Map.of("amount", 800, "manager", manager.userId().toString()));
        String instance = app.start(app.admin, flow, record).then().statusCode(201).body("state", equalTo("running"))
                .extract().path("id");
        Delivery.drain();
        return instance;
    }

    String recordOf(String instance) {
        return app.instance(app.admin, instance).then().statusCode(200).extract().path("instance.subjectRecord");
    }

    @Test
    void aCountersignedThreeStepApprovalIsDecidedThroughTheInboxAndMarksTheRecord() {
        String instance = request();
        app.instance(app.admin, instance).then().body("currentNodes", equalTo(List.of("manager")));

        // someone else's task: refused, nothing changes
        String managerTask = app.onlyTask(manager);
        app.decide(finance1, managerTask, Map.of("action", "approve")).then().statusCode(403)
                .body("type", endsWith("/flow.notAssignee"));
        app.decide(manager, managerTask, Map.of("action", "approve", "comment", "同意")).then().statusCode(200)
                .body("state", equalTo("approved"));
        // a double click: decided once
        app.decide(manager, managerTask, Map.of("action", "approve")).then().statusCode(409)
                .body("type", endsWith("/flow.taskDecided"));
        Delivery.drain();

        // countersign: both must approve
        String f1 = app.onlyTask(finance1);
        String f2 = app.onlyTask(finance2);
        app.decide(finance1, f1, Map.of("action", "approve")).then().statusCode(200);
        Delivery.drain();
        app.instance(app.admin, instance).then().body("currentNodes", equalTo(List.of("finance")));
        app.inbox(ceo, "todo").then().body("$", empty());
        app.decide(finance2, f2, Map.of("action", "approve")).then().statusCode(200);
        Delivery.drain();

        app.decide(ceo, app.onlyTask(ceo), Map.of("action", "approve")).then().statusCode(200);
        Delivery.drain();

        app.instance(app.admin, instance).then().statusCode(200)
                .body("instance.state", equalTo("completed"))
                .body("instance.endNode", equalTo("done"))
                .body("currentNodes", empty())
                .body("steps.nodeId", equalTo(List.of("start", "manager", "finance", "ceo", "approved", "done")))
                .body("tasks.findAll { it.state == 'approved' }", hasSize(4))
                .body("tasks.find { it.nodeId == 'manager' }.comment", equalTo("同意"));
        app.admin.api().get(app.forms() + "/" + form + "/records/" + recordOf(instance)).then().statusCode(200)
                .body("data.status", equalTo("已批准"));
        app.inbox(manager, "done").then().body("taskId", equalTo(List.of(managerTask))).body("[0].flowName", equalTo("折扣审批"))
                .body("[0].nodeName", equalTo("主管审批"));
        app.inbox(app.admin, "started").then().body("instanceId", hasItem(instance));
        // an ended instance's task cannot be decided any more
        app.decide(manager, managerTask, Map.of("action", "reject")).then().statusCode(409);
    }

    @Test
    void aRejectionTakesTheRejectedPathAndCancelsTheOtherSigners() {
        String instance = request();
        app.decide(manager, app.onlyTask(manager), Map.of("action", "approve")).then().statusCode(200);
        Delivery.drain();
        String f2 = app.onlyTask(finance2);
        app.decide(finance1, app.onlyTask(finance1), Map.of("action", "reject", "comment", "预算不足")).then().statusCode(200)
                .body("state", equalTo("rejected"));
        Delivery.drain();
        app.instance(app.admin, instance).then().body("instance.state", equalTo("rejected"))
                .body("instance.endNode", equalTo("closed"))
                .body("tasks.find { it.id == '" + f2 + "' }.state", equalTo("cancelled"));
        app.admin.api().get(app.forms() + "/" + form + "/records/" + recordOf(instance)).then()
                .body("data.status", equalTo("已驳回"));
        app.inbox(finance2, "todo").then().body("$", empty());
    }

    @Test
    void returnTransferAndAddedSignersChangeWhoDecides() {
        String instance = request();
        app.decide(manager, app.onlyTask(manager), Map.of("action", "approve")).then().statusCode(200);
        Delivery.drain();

        // return to a step the request did not pass: refused
        app.decide(finance1, app.onlyTask(finance1), Map.of("action", "return", "toNode", "ceo")).then().statusCode(400)
                .body("errors[0].field", equalTo("toNode"));
        app.decide(finance1, app.onlyTask(finance1), Map.of("action", "return", "toNode", "manager", "comment", "请补充材料"))
                .then().statusCode(200).body("state", equalTo("returned"));
        Delivery.drain();
        app.inbox(finance2, "todo").then().body("$", empty());
        app.decide(manager, app.onlyTask(manager), Map.of("action", "approve")).then().statusCode(200);
        Delivery.drain();

        // transfer to the CEO, who decides in finance1's place
        String f1 = app.onlyTask(finance1);
        app.decide(finance1, f1, Map.of("action", "transfer", "toUser", finance2.userId().toString())).then().statusCode(400)
                .body("errors[0].code", equalTo("flow.alreadyAssignee"));
        app.decide(finance1, f1, Map.of("action", "transfer", "toUser", ceo.userId().toString())).then().statusCode(200)
                .body("state", equalTo("transferred"));
        app.decide(finance2, app.onlyTask(finance2), Map.of("action", "addSigner", "toUser", manager.userId().toString()))
                .then().statusCode(200);
        app.decide(finance2, app.onlyTask(finance2), Map.of("action", "approve")).then().statusCode(200);
        app.decide(ceo, app.onlyTask(ceo), Map.of("action", "approve")).then().statusCode(200);
        Delivery.drain();
        // the added signer still has to approve
        app.instance(app.admin, instance).then().body("currentNodes", equalTo(List.of("finance")));
        app.decide(manager, app.onlyTask(manager), Map.of("action", "approve")).then().statusCode(200);
        Delivery.drain();
        app.instance(app.admin, instance).then().body("currentNodes", equalTo(List.of("ceo")))
                .body("steps.findAll { it.nodeId == 'manager' }", hasSize(2))
                .body("steps.find { it.nodeId == 'finance' && it.outcome == 'returned' }.detail.returnedTo", equalTo("manager"));
    }

    @Test
    void startingIsForPublishedManualFlowsAndRecordsTheStarterMaySee() {
        // what a record of the form offers to start: this published flow, not the draft made below
        app.admin.api().queryParam("form", "discount").get(app.flows() + "/startable").then().statusCode(200)
                .body("id", equalTo(List.of(flow))).body("name", equalTo(List.of("折扣审批"))).body("kind", equalTo(List.of("approval")));
        app.admin.api().queryParam("form", "other").get(app.flows() + "/startable").then().statusCode(200).body("$", empty());
        app.admin.api().get(app.flows() + "/startable").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("form"));
        app.start(app.admin, flow, null).then().statusCode(400).body("errors[0].field", equalTo("recordId"));
        app.start(app.admin, flow, java.util.UUID.randomUUID().toString()).then().statusCode(404);
        String draft = app.admin.api().body(Map.of("kind", "approval", "name", "草稿")).post(app.flows()).then().statusCode(201)
                .extract().path("id");
        app.start(app.admin, draft, null).then().statusCode(409).body("type", endsWith("/flow.notPublished"));
        app.admin.api().queryParam("form", "discount").get(app.flows() + "/startable").then().body("id", equalTo(List.of(flow)));
        // an approver without anyone to approve: the instance fails with the reason instead of hanging
        String record = app.record(form, Map.of("amount", 10));
        String instance = app.start(app.admin, flow, record).then().statusCode(201).extract().path("id");
        Delivery.drain();
        app.instance(app.admin, instance).then().body("instance.state", equalTo("failed"))
                .body("steps.find { it.nodeId == 'manager' }.state", equalTo("failed"))
                .body("steps.find { it.nodeId == 'manager' }.error", containsString("主管审批"));
        // the same Idempotency-Key starts one instance
        String again = app.record(form, Map.of("amount", 20, "manager", manager.userId().toString()));
        String first = app.admin.api().header("Idempotency-Key", "req-1").body(Map.of("recordId", again))
                .post(app.flows() + "/" + flow + "/instances").then().statusCode(201).extract().path("id");
        String second = app.admin.api().header("Idempotency-Key", "req-1").body(Map.of("recordId", again))
                .post(app.flows() + "/" + flow + "/instances").then().statusCode(201).extract().path("id");
        assertEquals(first, second);
        // cancelled by its starter: the manager's task goes away
        Delivery.drain();
        app.admin.api().post(app.ws() + "/flow-instances/" + first + "/cancel").then().statusCode(200)
                .body("state", equalTo("cancelled"));
        app.inbox(manager, "todo").then().body("$", empty());
        app.admin.api().post(app.ws() + "/flow-instances/" + first + "/cancel").then().statusCode(409);
    }
}
