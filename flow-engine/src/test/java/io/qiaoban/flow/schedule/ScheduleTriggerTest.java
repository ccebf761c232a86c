package io.qiaoban.flow.schedule;

import static io.qiaoban.flow.testing.FlowApp.edge;
import static io.qiaoban.flow.testing.FlowApp.field;
import static io.qiaoban.flow.testing.FlowApp.node;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qiaoban.core.testing.Delivery;
import io.qiaoban.flow.testing.FlowApp;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schedule triggers on the real database and job queue, with the movable clock: a daily journey over
 * the gold members (more than one page of them) starts once per member per day, whatever the
 * redeliveries; one firing is planned at a time; a new version with another schedule silences the
 * old one's planned firing; a schedule without a form starts one instance; bad schedules are refused
 * on their node.
 */
@QuarkusTest
class ScheduleTriggerTest {
    FlowApp app;
    String members;
    final List<String> flows = new ArrayList<>();

    @BeforeEach
    void shop() {
        app = new FlowApp("定时");
        members = app.form("member", "会员", List.of(field("phone", "手机", "text"), field("level", "等级", "text")));
    }

    /** Other tests move the shared clock: a deleted flow's planned firing does nothing and plans no other. */
    @AfterEach
    void stopSchedules() {
        flows.forEach(f -> app.admin.api().delete(app.flows() + "/" + f).then().statusCode(204));
        Delivery.drain();
    }

    Map<String, Object> journey(String cron, Map<String, Object> extra) {
        Map<String, Object> trigger = new LinkedHashMap<>(Map.of("on", "schedule", "cron", cron));
        trigger.putAll(extra);
        return FlowApp.graph(List.of(node("daily", "trigger", "每天 9 点", trigger),
                        node("hello", "action", "问候", Map.of("action", "message.send", "template", "care", "to", "=phone")),
                        node("end", "end", "结束", Map.of())),
                List.of(edge("daily", "hello", null), edge("hello", "end", null)));
    }

    static long instances(String flow) {
        return Delivery.count("select count(*) from flow_instance where flow_id = ?", UUID.fromString(flow));
    }

    static long plannedFirings(String flow) {
        return Delivery.count("select count(*) from job where type = 'flow.schedule' and payload ->> 'flow' = ?", flow);
    }

    @Test
    void aDailyJourneyStartsOncePerMatchingMemberPerDayPageAfterPage() {
        int gold = FlowSchedules.PAGE + 3;
        for (int i = 0; i < gold; i++) {
            app.record(members, Map.of("phone", String.format("139%08d", i), "level", "金"));
        }
        app.record(members, Map.of("phone", "13800000000", "level", "银"));
        String flow = app.flow("journey", "金卡关怀", journey("0 9 * * *", Map.of("form", "member", "customerField", "phone",
                "filter", Map.of("and", List.of(Map.of("field", "level", "op", "eq", "value", "金"))))));
        flows.add(flow);
        assertEquals(1, plannedFirings(flow));
        assertEquals(0, instances(flow));

        app.advance("P1D");
        assertEquals(gold, instances(flow));
        assertEquals(gold, Delivery.count("select count(distinct customer_key) from flow_instance where flow_id = ? and customer_key like '139%'",
                UUID.fromString(flow)));
        // the firing planned tomorrow's, and only that
        assertEquals(1, plannedFirings(flow));

        // publishing again (a planned firing exists) plans nothing more; the next day starts each member once more
        app.admin.api().body(Map.of("name", "金卡关怀 2")).put(app.flows() + "/" + flow).then().statusCode(200);
        app.admin.api().post(app.flows() + "/" + flow + "/publish").then().statusCode(200);
        assertEquals(1, plannedFirings(flow));
        app.advance("P1D");
        assertEquals(2L * gold, instances(flow));
    }

    @Test
    void aNewScheduleSilencesTheOldOnesPlannedFiring() {
        app.record(members, Map.of("phone", "13700000001", "level", "金"));
        String flow = app.flow("journey", "周一问候", journey("0 9 * * 1", Map.of("form", "member")));
        flows.add(flow);
        Map<String, Object> graph = journey("0 9 1 1 *", Map.of("form", "member"));
        app.admin.api().body(Map.of("graph", graph)).put(app.flows() + "/" + flow).then().statusCode(200);
        app.admin.api().post(app.flows() + "/" + flow + "/publish").then().statusCode(200);
        assertEquals(2, plannedFirings(flow));

        // a week passes: Monday's firing was planned by version 1, whose schedule is gone; it starts nobody
        app.advance("P7D");
        assertEquals(0, instances(flow));
        assertEquals(1, plannedFirings(flow));
    }

    @Test
    void aScheduleWithoutAFormStartsOneInstancePerFiring() {
        String flow = app.flow("approval", "月度预算", FlowApp.graph(List.of(
                        node("monthly", "trigger", "每月 1 日", Map.of("on", "schedule", "cron", "0 8 1 * *")),
                        node("ok", "approval", "确认", Map.of("assignees", Map.of("by", "user", "users",
                                List.of(app.admin.userId().toString())))),
                        node("end", "end", "结束", Map.of())),
                List.of(edge("monthly", "ok", null), edge("ok", "end", null))));
        flows.add(flow);
        app.advance("P32D");
        assertEquals(1, instances(flow));
        app.admin.api().get(app.flows() + "/" + flow + "/instances").then().statusCode(200)
                .body("[0].state", equalTo("running"))
                .body("[0].startedBy", equalTo(null));
    }

    @Test
    void theDesignerSeesWhenAScheduleFiresInTheWorkspacesZone() {
        String preview = app.ws() + "/flow-schedules/preview";
        List<String> next = app.admin.api().queryParam("cron", "0  9 * * 1").get(preview).then().statusCode(200)
                .body("cron", equalTo("0 9 * * 1"))
                .body("zone", equalTo("Asia/Shanghai"))
                .extract().path("next");
        assertEquals(FlowSchedules.PREVIEWED, next.size());
        for (String at : next) {
            java.time.ZonedDateTime local = java.time.Instant.parse(at).atZone(java.time.ZoneId.of("Asia/Shanghai"));
            assertEquals(java.time.DayOfWeek.MONDAY, local.getDayOfWeek());
            assertEquals(9, local.getHour());
        }
        app.admin.api().header("Accept-Language", "en").queryParam("cron", "every monday").get(preview).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("cron")))
                .body("errors.code", equalTo(List.of("flow.config.cron")));
        app.admin.api().header("Accept-Language", "en").queryParam("cron", "*/5 * * * *").get(preview).then().statusCode(400)
                .body("errors.code", equalTo(List.of("flow.config.cronTooOften")))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("15 minutes"));
    }

    @Test
    void badSchedulesAreRefusedOnTheirNode() {
        Object[][] cases = {
                {Map.of("on", "schedule", "cron", "every day"), "flow.config.cron"},
                {Map.of("on", "schedule"), "flow.config.cron"},
                {Map.of("on", "schedule", "cron", "*/5 * * * *"), "flow.config.cronTooOften"},
                {Map.of("on", "schedule", "cron", "0 9 * * *", "filter", Map.of("and", List.of())), "flow.config.scheduleFilter"},
                {Map.of("on", "schedule", "cron", "0 9 * * *", "form", "nosuchform"), "flow.config.scheduleRecords"},
                {Map.of("on", "schedule", "cron", "0 9 * * *", "form", "member",
                        "filter", Map.of("and", List.of(Map.of("field", "nosuchfield", "op", "eq", "value", 1)))),
                        "flow.config.scheduleRecords"},
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            Map<String, Object> trigger = (Map<String, Object>) c[0];
            String id = app.admin.api().body(Map.of("kind", "journey", "name", "坏定时 " + c[1] + trigger.size(), "graph",
                            FlowApp.graph(List.of(node("s", "trigger", "开始", trigger), node("e", "end", "结束", Map.of())),
                                    List.of(edge("s", "e", null)))))
                    .post(app.flows()).then().statusCode(201).extract().path("id");
            app.admin.api().header("Accept-Language", "en").post(app.flows() + "/" + id + "/publish").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", equalTo(List.of("nodes.s")))
                    .body("errors.code", equalTo(List.of(c[1])));
            assertEquals(0, plannedFirings(id));
        }
    }
}
