package io.qiaoban.rule.api;

import static io.qiaoban.core.testing.Delivery.count;
import static io.qiaoban.core.testing.Delivery.drain;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qiaoban.core.event.DomainEvent;
import io.qiaoban.core.event.DomainEvents;
import io.qiaoban.core.event.OutboxDispatcher;
import io.qiaoban.core.testing.Session;
import io.qiaoban.core.testing.TestUsers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A rule's life through the API on the real database: draft, test cases, publish, enable, an event
 * delivered through the outbox (and redelivered), the run log, and the bad input that changes nothing.
 */
@QuarkusTest
class RuleResourceTest {
    @Inject
    DomainEvents events;
    @Inject
    OutboxDispatcher dispatcher;
    @Inject
    EntityManager em;

    Session admin;
    UUID workspace;
    String app;

    @BeforeEach
    void workspace() {
        admin = TestUsers.platformAdmin();
        workspace = admin.createWorkspace("规则测试 " + UUID.randomUUID().toString().substring(0, 6));
        app = admin.api().body(Map.of("name", "CRM")).post("/api/v1/workspaces/" + workspace + "/apps")
                .then().statusCode(201).extract().path("id");
    }

    String rules() {
        return "/api/v1/workspaces/" + workspace + "/apps/" + app + "/rules";
    }

    static Map<String, Object> vipRule(String condition) {
        return Map.of("name", "高消费升级钻石",
                "trigger", Map.of("type", "event", "eventType", "customer.order"),
                "condition", condition,
                "actions", List.of(Map.of("action", "event.publish", "config", Map.of("eventType", "customer.vip",
                        "payload", Map.of("level", "=totalSpend > 5000 ? '钻石' : '金卡'", "customer", "=customerId")))),
                "testCases", List.of(
                        Map.of("name", "大客户", "payload", Map.of("customerId", "c1", "totalSpend", 6000,
                                "lastOrderDate", LocalDate.now().toString()), "expect", "match"),
                        Map.of("name", "小客户", "payload", Map.of("customerId", "c2", "totalSpend", 100,
                                "lastOrderDate", LocalDate.now().toString()), "expect", "noMatch")));
    }

    @Test
    void aPublishedRuleRunsOnceForAnEventEvenWhenItIsRedelivered() {
        String id = admin.api().body(vipRule("totalSpend > 5000 && 距今天数(lastOrderDate) < 30")).post(rules())
                .then().statusCode(201)
                .body("testResults.passed", equalTo(List.of(true, true)))
                .body("publishedVersion", nullValue()).extract().path("id");
        admin.api().body(Map.of("enabled", true)).post(rules() + "/" + id + "/enabled").then().statusCode(409);
        admin.api().post(rules() + "/" + id + "/publish").then().statusCode(200).body("publishedVersion", equalTo(1));
        admin.api().body(Map.of("enabled", true)).post(rules() + "/" + id + "/enabled").then().statusCode(200)
                .body("enabled", equalTo(true));

        String marker = UUID.randomUUID().toString();
        long event = QuarkusTransaction.requiringNew().call(() -> events.publish(new DomainEvent(workspace,
                "customer.order", "c9", Map.of("customerId", marker, "totalSpend", 8000,
                "lastOrderDate", LocalDate.now().toString()))));
        drain();
        assertEquals(1, count("select count(*) from outbox where type = 'customer.vip' and payload ->> 'customer' = ?1", marker));
        assertEquals("钻石", QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select payload ->> 'level' from outbox where type = 'customer.vip' and payload ->> 'customer' = ?1")
                .setParameter(1, marker).getSingleResult()));

        // the event is delivered again (its handled mark lost, say): the rule runs, its action does not
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from handled_event where event_id = ?1").setParameter(1, event).executeUpdate();
            em.createNativeQuery("update outbox set dispatched_at = null where id = ?1").setParameter(1, event).executeUpdate();
        });
        drain();
        assertEquals(1, count("select count(*) from outbox where type = 'customer.vip' and payload ->> 'customer' = ?1", marker));

        admin.api().get(rules()).then().statusCode(200).body("[0].lastRun.outcome", equalTo("succeeded"));
        admin.api().queryParam("ruleId", id).get("/api/v1/workspaces/" + workspace + "/apps/" + app + "/rule-runs")
                .then().statusCode(200)
                .body("items.outcome", equalTo(List.of("succeeded", "succeeded")))
                .body("items[0].eventType", equalTo("customer.order"))
                .body("items[0].actions[0].action", equalTo("event.publish"))
                .body("items[0].actions[0].config.payload.level", equalTo("钻石"));
    }

    @Test
    void eventsNoEnabledRuleListensToQueueNoRuleDelivery() {
        // an event type of this test alone: other tests' rules listen to customer.order
        String type = "test.order" + UUID.randomUUID().toString().replace("-", "");
        Map<String, Object> rule = new java.util.HashMap<>(vipRule("totalSpend > 5000"));
        rule.put("trigger", Map.of("type", "event", "eventType", type));
        String id = admin.api().body(rule).post(rules()).then().statusCode(201).extract().path("id");
        admin.api().post(rules() + "/" + id + "/publish").then().statusCode(200);
        long ignored = QuarkusTransaction.requiringNew().call(() -> events.publish(new DomainEvent(workspace,
                type, "c1", Map.of("totalSpend", 9000))));
        dispatcher.dispatchOnce();
        assertEquals(0, count("select count(*) from job where type = 'event.deliver' and payload ->> 'event' = ?1",
                String.valueOf(ignored)));
        admin.api().body(Map.of("enabled", true)).post(rules() + "/" + id + "/enabled").then().statusCode(200);
        long delivered = QuarkusTransaction.requiringNew().call(() -> events.publish(new DomainEvent(workspace,
                type, "c1", Map.of("totalSpend", 9000))));
        dispatcher.dispatchOnce();
        assertEquals(1, count("select count(*) from job where type = 'event.deliver' and payload ->> 'event' = ?1",
                String.valueOf(delivered)));
        drain();
    }

    @Test
    void aFormulaThatGivesAnInvalidSettingFailsTheTestCase() {
        Map<String, Object> rule = new java.util.HashMap<>(vipRule("totalSpend > 5000"));
        // eventType computed from the data: for this sample it is not a valid event type
        rule.put("actions", List.of(Map.of("action", "event.publish", "config", Map.of("eventType", "=concat('vip ', level)"))));
        rule.put("testCases", List.of(Map.of("name", "大客户", "payload", Map.of("totalSpend", 6000, "level", "金卡"),
                "expect", "match")));
        String id = admin.api().body(rule).post(rules()).then().statusCode(201)
                .body("testResults[0].passed", equalTo(false))
                .body("testResults[0].error", containsString("actions[0]")).extract().path("id");
        admin.api().post(rules() + "/" + id + "/publish").then().statusCode(422);
    }

    @Test
    void aRuleWhoseTestCasesFailIsNotPublished() {
        String id = admin.api().body(vipRule("totalSpend > 50")).post(rules()).then().statusCode(201)
                .body("testResults.passed", equalTo(List.of(true, false))).extract().path("id");
        admin.api().header("Accept-Language", "en").post(rules() + "/" + id + "/publish").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("testCases[1]"))
                .body("errors[0].code", equalTo("rule.testCaseFailed"));
        admin.api().get(rules() + "/" + id).then().statusCode(200).body("publishedVersion", nullValue());
    }

    @Test
    void badExpressionsAreRefusedWithTheirPositionAndChangeNothing() {
        String id = admin.api().body(vipRule("totalSpend > 5000")).post(rules()).then().statusCode(201).extract().path("id");
        admin.api().header("Accept-Language", "en").body(vipRule("totalSpend > new java.io.File('/')")).put(rules() + "/" + id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("condition"))
                .body("errors[0].code", equalTo("expression.refused.new"))
                .body("errors[0].position", equalTo(17));
        admin.api().header("Accept-Language", "en").body(vipRule("totalSpnd > 5000")).put(rules() + "/" + id)
                .then().statusCode(400).body("errors[0].code", equalTo("expression.unknownName"))
                .body("detail", containsString("totalSpnd"));
        Map<String, Object> badAction = new java.util.HashMap<>(vipRule("totalSpend > 5000"));
        badAction.put("actions", List.of(Map.of("action", "event.publish", "config", Map.of("eventType", "customer.vip",
                "payload", Map.of("level", "=upper(")))));
        admin.api().body(badAction).put(rules() + "/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("actions[0].config.payload.level"))
                .body("errors[0].code", equalTo("expression.syntax"));
        Map<String, Object> badCron = new java.util.HashMap<>(vipRule("totalSpend > 5000"));
        badCron.put("trigger", Map.of("type", "schedule", "cron", "every day"));
        admin.api().body(badCron).put(rules() + "/" + id).then().statusCode(400).body("errors[0].field", equalTo("trigger.cron"));
        admin.api().get(rules() + "/" + id).then().statusCode(200)
                .body("condition", equalTo("totalSpend > 5000")).body("draftVersion", equalTo(1));
        // a stale save is refused
        admin.api().header("If-Match", "\"7\"").body(vipRule("totalSpend > 1")).put(rules() + "/" + id).then().statusCode(412);
    }

    @Test
    void malformedRulesGetProblemsAndCreateNothing() {
        for (String body : List.of("{", "[]", "{\"name\": {\"a\": 1}, \"trigger\": {\"type\": \"manual\"}}",
                "{\"name\": \"x\", \"trigger\": {\"type\": \"manual\"}, \"priority\": \"high\"}",
                "{\"name\": \"x\", \"trigger\": {\"type\": \"manual\"}, \"surprise\": true}",
                "{\"name\": \"x\", \"trigger\": {\"type\": \"sometimes\"}}",
                "{\"name\": \"x\"}",
                "{\"name\": \"" + "长".repeat(101) + "\", \"trigger\": {\"type\": \"manual\"}}",
                "{\"name\": \"x\", \"trigger\": {\"type\": \"event\", \"eventType\": \"DROP TABLE rule\"}}",
                "{\"name\": \"x\", \"trigger\": {\"type\": \"manual\"}, \"actions\": [{\"action\": \"rm.rf\", \"config\": {}}]}",
                "{\"name\": \"x\", \"trigger\": {\"type\": \"manual\"}, \"actions\": [{\"action\": \"event.publish\", \"config\": {}}]}",
                "{\"name\": \"x\", \"trigger\": {\"type\": \"manual\"}, \"actions\": [{\"action\": \"event.publish\", \"config\": {\"eventType\": \"record.updated\"}}]}",
                "{\"name\": \"x\", \"trigger\": {\"type\": \"manual\"}, \"testCases\": [{\"name\": \"t\", \"payload\": {}, \"expect\": \"maybe\"}]}")) {
            admin.api().body(body).post(rules()).then().statusCode(400).contentType("application/problem+json");
        }
        admin.api().get(rules()).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void theTestConsoleShowsWhatWouldHappenWithoutDoingIt() {
        String id = admin.api().body(vipRule("totalSpend > 5000")).post(rules()).then().statusCode(201).extract().path("id");
        admin.api().body(Map.of("payload", Map.of("customerId", "c7", "totalSpend", 9000, "lastOrderDate", "2026-11-01")))
                .post(rules() + "/" + id + "/dry-run").then().statusCode(200)
                .body("conditionValue", equalTo(true)).body("matched", equalTo(true))
                .body("actions[0].config.payload.level", equalTo("钻石"))
                .body("actions[0].valid", equalTo(true));
        assertEquals(0, count("select count(*) from outbox where type = 'customer.vip' and payload ->> 'customer' = ?1", "c7"));
        admin.api().body(Map.of("payload", Map.of("totalSpend", "abc"))).post(rules() + "/" + id + "/dry-run")
                .then().statusCode(200).body("error.field", equalTo("condition")).body("matched", equalTo(false));
    }

    @Test
    void aScheduledRuleQueuesItsNextRun() {
        Map<String, Object> scheduled = new java.util.HashMap<>(vipRule(""));
        scheduled.put("trigger", Map.of("type", "schedule", "cron", "0 9 * * *"));
        scheduled.put("testCases", List.of());
        scheduled.put("actions", List.of(Map.of("action", "event.publish", "config", Map.of("eventType", "report.daily"))));
        String id = admin.api().body(scheduled).post(rules()).then().statusCode(201).extract().path("id");
        admin.api().post(rules() + "/" + id + "/publish").then().statusCode(200);
        admin.api().body(Map.of("enabled", true)).post(rules() + "/" + id + "/enabled").then().statusCode(200);
        assertEquals(1, count("select count(*) from job where type = 'rule.schedule' and payload ->> 'rule' = ?1", id));
        String due = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select payload ->> 'due' from job where type = 'rule.schedule' and payload ->> 'rule' = ?1")
                .setParameter(1, id).getSingleResult());
        assertEquals(9, java.time.Instant.parse(due).atZone(java.time.ZoneId.of("Asia/Shanghai")).getHour());

        // its time comes: the rule runs once and the next slot is queued
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update job set run_at = now() - interval '1 second' where type = 'rule.schedule' and payload ->> 'rule' = ?1")
                .setParameter(1, id).executeUpdate());
        drain();
        admin.api().queryParam("ruleId", id).get("/api/v1/workspaces/" + workspace + "/apps/" + app + "/rule-runs")
                .then().statusCode(200).body("items.outcome", equalTo(List.of("succeeded")))
                .body("items[0].triggerType", equalTo("schedule"));
        assertEquals(1, count("select count(*) from job where type = 'rule.schedule' and payload ->> 'rule' = ?1 "
                + "and payload ->> 'due' <> '" + due + "'", id));
        // disabled, its next slot ends quietly
        admin.api().body(Map.of("enabled", false)).post(rules() + "/" + id + "/enabled").then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update job set run_at = now() - interval '1 second' where type = 'rule.schedule' and payload ->> 'rule' = ?1")
                .setParameter(1, id).executeUpdate());
        drain();
        assertEquals(0, count("select count(*) from job where type = 'rule.schedule' and payload ->> 'rule' = ?1", id));
        assertEquals(1, count("select count(*) from rule_run where rule_id = cast(?1 as uuid)", id));
    }

    @Test
    void otherWorkspacesAndReadersCannotTouchRules() {
        String id = admin.api().body(vipRule("totalSpend > 5000")).post(rules()).then().statusCode(201).extract().path("id");
        Session stranger = TestUsers.platformAdmin();
        UUID own = stranger.createWorkspace("别人的 " + UUID.randomUUID().toString().substring(0, 6));
        Session viewer = admin.addMember(workspace, "viewer");
        String runs = "/api/v1/workspaces/" + workspace + "/apps/" + app + "/rule-runs";
        for (String path : List.of(rules(), rules() + "/" + id, rules() + "/" + id + "/versions", runs)) {
            stranger.api().get(path).then().statusCode(404);
            viewer.api().get(path).then().statusCode(path.equals(runs) ? 403 : 200);
        }
        stranger.api().body(vipRule("true")).put(rules() + "/" + id).then().statusCode(404);
        stranger.api().post(rules() + "/" + id + "/publish").then().statusCode(404);
        stranger.api().delete(rules() + "/" + id).then().statusCode(404);
        stranger.api().body(Map.of("payload", Map.of())).post(rules() + "/" + id + "/dry-run").then().statusCode(404);
        viewer.api().body(vipRule("true")).put(rules() + "/" + id).then().statusCode(403);
        viewer.api().delete(rules() + "/" + id).then().statusCode(403);
        admin.api().get(rules()).then().statusCode(200).body("", hasSize(1));
        // a rule id of another workspace's app is not found through this workspace
        stranger.api().get("/api/v1/workspaces/" + own + "/apps/" + app + "/rules/" + id).then().statusCode(404);
    }


}
