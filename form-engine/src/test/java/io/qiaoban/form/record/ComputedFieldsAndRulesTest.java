package io.qiaoban.form.record;

import static io.qiaoban.core.testing.Delivery.count;
import static io.qiaoban.core.testing.Delivery.drain;
import static io.qiaoban.form.testing.Forms.field;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qiaoban.core.testing.TestUsers;
import io.qiaoban.form.testing.Forms;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Computed fields and rules end to end, with the real expression service and rule engine: a formula
 * on an order, a customer's cumulative spend as a rollup over its orders, the customer level shown on
 * each order as a lookup, and the rule "cumulative spend > 5000 -> level = 钻石" firing exactly once
 * when an order pushes the rollup over the line. Also the other rollups (min, max, avg) and formulas
 * that fail (a division by zero, a result of the wrong type).
 */
@QuarkusTest
class ComputedFieldsAndRulesTest {
    Forms f;
    String customers;
    String orders;

    @BeforeEach
    void forms() {
        f = new Forms(TestUsers.platformAdmin(), "计算字段");
        List<Map<String, Object>> customerFields = List.of(
                field("name", "姓名", "text", "required", true),
                field("level", "等级", "select", "default", "gold", "options",
                        Map.of("choices", List.of(Map.of("value", "gold", "label", "金卡"), Map.of("value", "diamond", "label", "钻石")))));
        customers = f.publish("customer", "客户", customerFields);
        orders = f.publish("order", "订单", List.of(
                field("customer", "客户", "relation", "options", Map.of("form", "customer")),
                field("price", "单价", "money"),
                field("qty", "数量", "number", "options", Map.of("decimals", 0)),
                field("total", "金额", "formula", "options", Map.of("expression", "price * qty", "resultType", "money")),
                field("customerLevel", "客户等级", "lookup", "options", Map.of("relation", "customer", "field", "level"))));
        List<Map<String, Object>> withRollups = new java.util.ArrayList<>(customerFields);
        withRollups.add(field("spend", "累计消费", "rollup", "options", Map.of("form", "order", "via", "customer", "fn", "sum", "field", "total")));
        withRollups.add(field("orders", "订单数", "rollup", "options", Map.of("form", "order", "via", "customer", "fn", "count")));
        withRollups.add(field("tier", "分层", "formula", "options",
                Map.of("expression", "spend > 5000 ? '高价值' : '普通'", "resultType", "text")));
        f.admin.api().body(Map.of("key", "customer", "name", "客户", "fields", withRollups)).put(f.forms() + "/" + customers)
                .then().statusCode(200);
        f.admin.api().post(f.forms() + "/" + customers + "/publish").then().statusCode(200);
    }

    @Test
    void formulasRollupsAndLookupsAreStoredAndKeptUpToDate() {
        String customer = f.createOk(customers, Map.of("name", "张三"));
        String order = f.create(f.admin, orders, Map.of("customer", customer, "price", 19.9, "qty", 3)).then().statusCode(201)
                .body("data.total", equalTo(59.70f)).body("data.customerLevel", equalTo("gold")).extract().path("id");
        f.admin.api().get(f.records(customers) + "/" + customer).then().body("data.spend", equalTo(0));
        drain();
        f.admin.api().get(f.records(customers) + "/" + customer).then().body("data.spend", equalTo(59.70f))
                .body("data.orders", equalTo(1)).body("data.tier", equalTo("普通"));
        f.admin.api().body(Map.of("qty", 2)).patch(f.records(orders) + "/" + order).then().body("data.total", equalTo(39.80f));
        drain();
        f.admin.api().get(f.records(customers) + "/" + customer).then().body("data.spend", equalTo(39.80f));
        f.admin.api().delete(f.records(orders) + "/" + order).then().statusCode(204);
        drain();
        f.admin.api().get(f.records(customers) + "/" + customer).then().body("data.spend", equalTo(0)).body("data.orders", equalTo(0));
        // the rollup's change is an event like any other, so rules and flows can react to it
        assertEquals(3, count("select count(*) from outbox where type = 'record.updated' and aggregate_id = ? "
                + "and jsonb_exists(payload->'changed', 'spend')", customer));
    }

    @Test
    void rollupsTakeTheSmallestLargestAndAverageAndFailingFormulasLeaveTheirValueEmpty() {
        String shops = f.publish("shop", "门店", List.of(field("name", "名称", "text")));
        String sales = f.publish("sale", "销售", List.of(
                field("shop", "门店", "relation", "options", Map.of("form", "shop")),
                field("amount", "金额", "money"),
                field("qty", "数量", "number"),
                field("unit", "单价", "formula", "options", Map.of("expression", "amount / qty", "resultType", "money")),
                field("big", "大单", "formula", "options", Map.of("expression", "amount * 2", "resultType", "boolean"))));
        f.admin.api().body(Map.of("key", "shop", "name", "门店", "fields", List.of(field("name", "名称", "text"),
                field("low", "最低", "rollup", "options", Map.of("form", "sale", "via", "shop", "fn", "min", "field", "amount")),
                field("high", "最高", "rollup", "options", Map.of("form", "sale", "via", "shop", "fn", "max", "field", "amount")),
                field("mean", "平均", "rollup", "options", Map.of("form", "sale", "via", "shop", "fn", "avg", "field", "amount")))))
                .put(f.forms() + "/" + shops).then().statusCode(200);
        f.admin.api().post(f.forms() + "/" + shops + "/publish").then().statusCode(200);

        String shop = f.createOk(shops, Map.of("name", "西湖店"));
        // a division by zero and a number where a yes/no is wanted: saved, like a spreadsheet cell showing an error
        String zero = f.create(f.admin, sales, Map.of("shop", shop, "amount", 10, "qty", 0)).then().statusCode(201)
                .body("data.containsKey('unit')", equalTo(false)).body("data.containsKey('big')", equalTo(false))
                .extract().path("id");
        f.create(f.admin, sales, Map.of("shop", shop, "amount", 30, "qty", 3)).then().statusCode(201)
                .body("data.unit", equalTo(10.00f));
        f.createOk(sales, Map.of("shop", shop, "amount", 50, "qty", 1));
        drain();
        f.admin.api().get(f.records(shops) + "/" + shop).then().statusCode(200)
                .body("data.low", equalTo(10)).body("data.high", equalTo(50)).body("data.mean", equalTo(30));
        // the smallest goes: the rollups follow
        f.admin.api().delete(f.records(sales) + "/" + zero).then().statusCode(204);
        drain();
        f.admin.api().get(f.records(shops) + "/" + shop).then().statusCode(200)
                .body("data.low", equalTo(30)).body("data.high", equalTo(50)).body("data.mean", equalTo(40));
    }

    @Test
    void aRuleOnCumulativeSpendUpgradesTheCustomerExactlyOnce() {
        String rule = f.admin.api().body(Map.of("name", "累计消费满 5000 升钻石",
                        "trigger", Map.of("type", "fieldChange", "field", "spend", "form", "customer"),
                        "condition", "spend > 5000",
                        "actions", List.of(Map.of("action", "record.update", "config", Map.of("form", "customer",
                                "record", "=recordId", "values", Map.of("level", "diamond")))),
                        "testCases", List.of(
                                Map.of("name", "大客户", "payload", Map.of("recordId",
                                        "00000000-0000-4000-8000-000000000001", "spend", 6000), "expect", "match"),
                                Map.of("name", "小客户", "payload", Map.of("recordId",
                                        "00000000-0000-4000-8000-000000000001", "spend", 100), "expect", "noMatch"))))
                .post("/api/v1/workspaces/" + f.workspace + "/apps/" + f.app + "/rules").then().statusCode(201).extract().path("id");
        String rules = "/api/v1/workspaces/" + f.workspace + "/apps/" + f.app + "/rules/" + rule;
        f.admin.api().post(rules + "/publish").then().statusCode(200);
        f.admin.api().body(Map.of("enabled", true)).post(rules + "/enabled").then().statusCode(200);

        // a field of the same name on another form does not start the rule: its trigger names the customer form
        String suppliers = f.publish("supplier", "供应商", List.of(field("spend", "采购额", "money")));
        String supplier = f.createOk(suppliers, Map.of("spend", 1));
        f.admin.api().body(Map.of("spend", 9000)).patch(f.records(suppliers) + "/" + supplier).then().statusCode(200);
        drain();
        assertEquals(0, count("select count(*) from rule_run where rule_id = ?", UUID.fromString(rule)));

        String customer = f.createOk(customers, Map.of("name", "李四"));
        String order = f.createOk(orders, Map.of("customer", customer, "price", 3000, "qty", 1));
        drain();
        f.admin.api().get(f.records(customers) + "/" + customer).then().body("data.level", equalTo("gold"))
                .body("data.spend", equalTo(3000));
        f.createOk(orders, Map.of("customer", customer, "price", 2500, "qty", 1));
        drain();
        f.admin.api().get(f.records(customers) + "/" + customer).then().body("data.level", equalTo("diamond"))
                .body("data.spend", equalTo(5500)).body("data.tier", equalTo("高价值"));
        // the order shows the new level through its lookup
        f.admin.api().get(f.records(orders) + "/" + order).then().body("data.customerLevel", equalTo("diamond"));
        drain();
        UUID ruleId = UUID.fromString(rule);
        assertEquals(1, count("select count(*) from rule_run where rule_id = ? and outcome = 'succeeded'", ruleId));
        assertEquals(1, count("select count(*) from record_history where record_id = ? "
                + "and changes @> '[{\"field\": \"level\"}]'::jsonb and kind = 'updated' and changed_by is null", UUID.fromString(customer)));
        // more spend: the rule runs again, sets what is already set, and nothing is written
        f.createOk(orders, Map.of("customer", customer, "price", 100, "qty", 1));
        drain();
        assertEquals(2, count("select count(*) from rule_run where rule_id = ? and outcome = 'succeeded'", ruleId));
        assertEquals(1, count("select count(*) from outbox where type = 'record.updated' and aggregate_id = ? "
                + "and jsonb_exists(payload->'changed', 'level')", customer));
    }
}
