package io.qiaoban.form.api;

import static io.qiaoban.core.testing.Delivery.count;
import static io.qiaoban.form.testing.Forms.field;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qiaoban.core.testing.TestUsers;
import io.qiaoban.form.testing.Forms;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A record's life through the API on the real database: create (validation, idempotency, unique
 * values under concurrency, serial numbers), read, change with If-Match, history, trash and restore,
 * and the events each change leaves in the outbox. Every refused request changes nothing.
 */
@QuarkusTest
class RecordResourceTest {
    Forms f;
    String customers;

    @BeforeEach
    void form() {
        f = new Forms(TestUsers.platformAdmin(), "记录测试");
        customers = f.publish("customer", "客户", List.of(
                field("name", "姓名", "text", "required", true),
                field("mobile", "手机", "phone", "unique", true, "indexed", true),
                field("level", "等级", "select", "default", "gold", "options",
                        Map.of("choices", List.of(Map.of("value", "gold", "label", "金卡"), Map.of("value", "diamond", "label", "钻石")))),
                field("spend", "累计消费", "money"),
                field("no", "编号", "serial", "options", Map.of("pattern", "KH-{yyyyMMdd}-{0000}"))));
    }

    long records() {
        return count("select count(*) from record where form_id = ?", UUID.fromString(customers));
    }

    @Test
    void createReadUpdateWithHistoryAndEvents() {
        Response created = f.create(f.admin, customers, Map.of("name", " 王五 ", "mobile", "+86 138 0013 8000", "spend", 19.9));
        created.then().statusCode(201).header("ETag", "\"1\"")
                .body("data.name", equalTo("王五")).body("data.mobile", equalTo("13800138000"))
                .body("data.level", equalTo("gold")).body("data.spend", equalTo(19.90f))
                .body("data.no", startsWith("KH-" + LocalDate.now(ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.BASIC_ISO_DATE)))
                .body("formVersion", equalTo(1)).body("version", equalTo(1));
        String id = created.path("id");
        String one = f.records(customers) + "/" + id;

        f.admin.api().get(one).then().statusCode(200).header("ETag", "\"1\"").body("data.name", equalTo("王五"));
        f.admin.api().header("If-Match", "\"1\"").body(Map.of("level", "钻石", "spend", "5000.5")).patch(one)
                .then().statusCode(200).header("ETag", "\"2\"").body("data.level", equalTo("diamond"))
                .body("data.spend", equalTo(5000.50f)).body("data.name", equalTo("王五"));
        // a stale write is refused and changes nothing
        f.admin.api().header("If-Match", "\"1\"").body(Map.of("name", "赵六")).patch(one)
                .then().statusCode(412).contentType("application/problem+json");
        f.admin.api().get(one).then().body("data.name", equalTo("王五")).body("version", equalTo(2));
        // the same values again: nothing to write, no new version, no event
        f.admin.api().body(Map.of("level", "diamond")).patch(one).then().statusCode(200).body("version", equalTo(2));

        f.admin.api().get(one + "/history").then().statusCode(200).body("", hasSize(2))
                .body("[0].kind", equalTo("updated")).body("[0].changedByName", notNullValue())
                .body("[0].changes.find { it.field == 'level' }.from", equalTo("gold"))
                .body("[0].changes.find { it.field == 'level' }.to", equalTo("diamond"))
                .body("[1].kind", equalTo("created"));
        assertEquals(1, count("select count(*) from outbox where type = 'record.created' and aggregate_id = ?", id));
        assertEquals(1, count("select count(*) from outbox where type = 'record.updated' and aggregate_id = ?", id));
        assertEquals(1, count("select count(*) from outbox where type = 'record.updated' and aggregate_id = ? "
                + "and payload->'changed' = '[\"level\", \"spend\"]'::jsonb and payload->'before'->>'level' = 'gold'", id));
    }

    @Test
    void invalidValuesGetOneErrorPerFieldInTheCallersLanguageAndWriteNothing() {
        long before = records();
        f.admin.api().header("Accept-Language", "en").body(Map.of("mobile", "123", "level", "silver", "spend", 1.234, "x", 1))
                .post(f.records(customers)).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("x", "name", "mobile", "level", "spend")))
                .body("errors.find { it.field == 'mobile' }.message", startsWith("Enter an 11-digit"))
                .body("errors.find { it.field == 'spend' }.message", equalTo("At most 2 decimals."))
                .body("errors.find { it.field == 'level' }.message", equalTo("\"silver\" is not one of the options."));
        f.admin.api().body(Map.of("name", "张三", "mobile", "1380013800"))
                .post(f.records(customers)).then().statusCode(400)
                .body("errors[0].message", equalTo("请填写 11 位中国大陆手机号，例如 13800138000。"));
        assertEquals(before, records());
        assertEquals(0, count("select count(*) from form_serial where form_id = ?", UUID.fromString(customers)));
    }

    @Test
    void anIdempotencyKeyCreatesOnceHoweverOftenTheRequestIsSent() {
        String key = "order-" + UUID.randomUUID();
        String first = f.admin.api().header("Idempotency-Key", key).body(Map.of("name", "甲")).post(f.records(customers))
                .then().statusCode(201).extract().path("id");
        f.admin.api().header("Idempotency-Key", key).body(Map.of("name", "甲")).post(f.records(customers))
                .then().statusCode(200).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        assertEquals(1, records());
    }

    @Test
    void uniqueValuesHoldUnderConcurrencyAndSerialNumbersHaveNoGaps() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> sameMobile = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                sameMobile.add(() -> f.create(f.admin, customers, Map.of("name", "并发" + n, "mobile", "13900000000")).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> s : pool.invokeAll(sameMobile)) {
                statuses.add(s.get());
            }
            assertEquals(1, Collections.frequency(statuses, 201), statuses.toString());
            assertEquals(7, Collections.frequency(statuses, 409), statuses.toString());

            List<Callable<String>> many = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                many.add(() -> f.create(f.admin, customers, Map.of("name", "客户" + n)).then().statusCode(201)
                        .extract().path("data.no"));
            }
            Set<String> numbers = new HashSet<>();
            for (Future<String> s : pool.invokeAll(many)) {
                numbers.add(s.get());
            }
            String day = LocalDate.now(ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.BASIC_ISO_DATE);
            Set<String> expected = new HashSet<>();
            for (int i = 1; i <= 21; i++) {
                expected.add("KH-" + day + "-" + String.format("%04d", i));
            }
            numbers.add(f.admin.api().queryParam("filter", "{\"field\":\"mobile\",\"op\":\"eq\",\"value\":\"13900000000\"}")
                    .get(f.records(customers))
                    .then().statusCode(200).extract().path("items[0].data.no"));
            // the 7 refused duplicates took no number: 1 + 20 creates, numbers 1..21, none missing, none twice
            assertEquals(expected, numbers);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFieldsValidationRuleIsAConditionOverTheRecordWithTheMessageItsDesignerWrote() {
        String deals = f.publish("deal", "商机", List.of(field("name", "名称", "text"),
                field("discount", "折扣", "number", "validation", Map.of("rule", "discount <= 0.3", "message", "折扣不能低于七折")),
                field("开始", "开始", "date"),
                field("结束", "结束", "date", "validation", Map.of("rule", "结束 >= 开始"))));
        f.admin.api().header("Accept-Language", "zh-CN").body(Map.of("name", "大单", "discount", 0.5)).post(f.records(deals))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("discount"))).body("errors[0].message", equalTo("折扣不能低于七折"));
        String id = f.admin.api().body(Map.of("name", "大单", "discount", 0.2, "开始", "2026-11-01", "结束", "2026-11-30"))
                .post(f.records(deals)).then().statusCode(201).extract().path("id");
        // a change of a field the rule reads checks it again; without a message the rule speaks for itself
        f.admin.api().header("Accept-Language", "en").body(Map.of("开始", "2026-12-01")).patch(f.records(deals) + "/" + id)
                .then().statusCode(400).body("errors.field", equalTo(List.of("结束")))
                .body("errors[0].message", equalTo("Does not meet the rule of this field."));
        f.admin.api().get(f.records(deals) + "/" + id).then().body("data.开始", equalTo("2026-11-01")).body("version", equalTo(1));
        // a rule that cannot be evaluated (start empty) does not refuse the record
        f.admin.api().body(Map.of("name", "没开始", "结束", "2026-11-30")).post(f.records(deals)).then().statusCode(201);

        // rules are checked when the form is saved: an expression, a condition, on a field someone fills in
        String bad = f.admin.api().body(Map.of("key", "bad", "name", "坏", "fields", List.of(
                        field("a", "A", "number", "validation", Map.of("rule", "a +")),
                        field("b", "B", "formula", "options", Map.of("expression", "1", "resultType", "number"),
                                "validation", Map.of("rule", "b > 0")))))
                .post(f.forms()).then().statusCode(400).extract().asString();
        assertTrue(bad.contains("fields[0].validation.rule") && bad.contains("fields[1].validation.rule"), bad);
    }

    @Test
    void deletedRecordsGoToTheTrashAndComeBackUnlessTheirUniqueValueWasTaken() {
        String id = f.createOk(customers, Map.of("name", "删除我", "mobile", "13700000000"));
        String one = f.records(customers) + "/" + id;
        f.admin.api().header("If-Match", "\"9\"").delete(one).then().statusCode(412);
        f.admin.api().delete(one).then().statusCode(204);
        f.admin.api().get(f.records(customers)).then().statusCode(200).body("items.id", equalTo(List.of()));
        f.admin.api().get(f.records(customers) + "?deleted=true").then().statusCode(200).body("items.id", equalTo(List.of(id)));
        f.admin.api().body(Map.of("name", "改")).patch(one).then().statusCode(404);
        // for who may not delete (so not restore) records, a record in the trash does not exist: nor its history
        io.qiaoban.core.testing.Session member = f.admin.addMember(f.workspace, "member");
        member.api().get(one).then().statusCode(404);
        member.api().get(one + "/history").then().statusCode(404).contentType("application/problem+json");

        // the mobile number was released: another customer takes it, and the restore is refused
        String other = f.createOk(customers, Map.of("name", "新客", "mobile", "13700000000"));
        f.admin.api().post(one + "/restore").then().statusCode(409).body("errors[0].field", equalTo("mobile"));
        f.admin.api().delete(f.records(customers) + "/" + other).then().statusCode(204);
        f.admin.api().post(one + "/restore").then().statusCode(200).body("deletedAt", equalTo(null));
        f.admin.api().get(f.records(customers)).then().body("items.id", hasItem(id));
        f.admin.api().get(one + "/history").then().body("kind", equalTo(List.of("restored", "deleted", "created")));
        assertEquals(1, count("select count(*) from outbox where type = 'record.deleted' and aggregate_id = ?", id));
        assertEquals(1, count("select count(*) from outbox where type = 'record.restored' and aggregate_id = ?", id));
    }

    @Test
    void recordsOfAnotherWorkspaceDoNotExistForOutsiders() {
        String id = f.createOk(customers, Map.of("name", "机密"));
        Forms other = new Forms(TestUsers.platformAdmin(), "别人的");
        var outsider = other.admin.addMember(other.workspace, "owner");
        outsider.api().get(f.records(customers) + "/" + id).then().statusCode(404);
        outsider.api().get(f.records(customers)).then().statusCode(404);
        outsider.api().body(Map.of("name", "x")).post(f.records(customers)).then().statusCode(404);
        assertTrue(records() == 1);
    }
}
