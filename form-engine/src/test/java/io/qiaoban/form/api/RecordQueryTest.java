package io.qiaoban.form.api;

import static io.qiaoban.core.testing.Delivery.count;
import static io.qiaoban.form.testing.Forms.field;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiaoban.core.record.RecordAccess;
import io.qiaoban.core.record.RecordPage;
import io.qiaoban.core.record.RecordScope;
import io.qiaoban.core.testing.Session;
import io.qiaoban.core.testing.TestUsers;
import io.qiaoban.form.testing.Forms;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared filter language over records on the real database: every operator, relations, sorting
 * with cursor paging, hostile field names and values (which never reach SQL as SQL), and the
 * permissions that narrow what a member sees (row filter, hidden fields, switched-off operations).
 */
@QuarkusTest
class RecordQueryTest {
    Forms f;
    String customers;
    String orders;
    Map<String, String> byName = new java.util.HashMap<>();

    @BeforeEach
    void data() {
        f = new Forms(TestUsers.platformAdmin(), "查询测试");
        customers = f.publish("customer", "客户", List.of(
                field("name", "姓名", "text", "required", true),
                field("city", "城市", "text", "indexed", true),
                field("level", "等级", "select", "options", Map.of("choices", List.of(Map.of("value", "gold"), Map.of("value", "diamond")))),
                field("spend", "累计消费", "money", "indexed", true),
                field("tags", "标签", "tags"),
                field("vip", "VIP", "boolean"),
                field("lastOrder", "最近下单", "date"),
                field("owner", "负责人", "member")));
        orders = f.publish("order", "订单", List.of(
                field("title", "标题", "text"),
                field("customer", "客户", "relation", "options", Map.of("form", "customer"))));
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        String old = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(100).toString();
        Object[][] rows = {
                {"张三", "杭州", "gold", 100, List.of("复购"), true, today},
                {"李四", "上海", "diamond", 6000, List.of("高价值", "复购"), false, old},
                {"王五", "杭州", "diamond", 5200.5, List.of(), false, today},
                {"赵六_%", "北京", null, null, List.of("新客"), null, null},
        };
        for (Object[] r : rows) {
            Map<String, Object> data = new java.util.HashMap<>();
            String[] keys = {"name", "city", "level", "spend", "tags", "vip", "lastOrder"};
            for (int i = 0; i < keys.length; i++) {
                if (r[i] != null) {
                    data.put(keys[i], r[i]);
                }
            }
            byName.put((String) r[0], f.createOk(customers, data));
        }
        f.createOk(orders, Map.of("title", "大单", "customer", byName.get("李四")));
    }

    Set<String> names(String filter) {
        JsonPath body = f.admin.api().queryParam("filter", filter).get(f.records(customers)).then().statusCode(200).extract().jsonPath();
        return new HashSet<>(body.getList("items.data.name"));
    }

    @Test
    void everyOperatorSelectsTheRightRecords() {
        assertEquals(Set.of("张三", "王五"), names("{\"field\":\"city\",\"op\":\"eq\",\"value\":\"杭州\"}"));
        assertEquals(Set.of("李四", "赵六_%"), names("{\"field\":\"city\",\"op\":\"ne\",\"value\":\"杭州\"}"));
        assertEquals(Set.of("李四", "王五"), names("{\"field\":\"spend\",\"op\":\"gt\",\"value\":5000}"));
        assertEquals(Set.of("张三", "王五"), names("{\"field\":\"spend\",\"op\":\"between\",\"value\":[100, 5200.5]}"));
        assertEquals(Set.of("张三"), names("{\"field\":\"spend\",\"op\":\"lte\",\"value\":\"100\"}"));
        assertEquals(Set.of("李四", "王五"), names("{\"field\":\"level\",\"op\":\"in\",\"value\":[\"diamond\"]}"));
        assertEquals(Set.of("张三", "赵六_%"), names("{\"field\":\"level\",\"op\":\"not_in\",\"value\":[\"diamond\"]}"));
        assertEquals(Set.of("赵六_%"), names("{\"field\":\"name\",\"op\":\"contains\",\"value\":\"_%\"}"));
        assertEquals(Set.of("张三"), names("{\"field\":\"name\",\"op\":\"starts_with\",\"value\":\"张\"}"));
        assertEquals(Set.of("赵六_%"), names("{\"field\":\"level\",\"op\":\"is_empty\",\"value\":true}"));
        assertEquals(Set.of("王五"), names("{\"field\":\"tags\",\"op\":\"is_empty\"}"));
        assertEquals(Set.of("张三", "李四"), names("{\"field\":\"tags\",\"op\":\"contains\",\"value\":\"复购\"}"));
        assertEquals(Set.of("李四", "赵六_%"), names("{\"field\":\"tags\",\"op\":\"in\",\"value\":[\"高价值\",\"新客\"]}"));
        assertEquals(Set.of("张三"), names("{\"field\":\"vip\",\"op\":\"eq\",\"value\":true}"));
        assertEquals(Set.of("张三", "王五"), names("{\"field\":\"lastOrder\",\"op\":\"within_days\",\"value\":30}"));
        assertEquals(Set.of("李四"), names("{\"field\":\"lastOrder\",\"op\":\"before\",\"value\":\""
                + java.time.LocalDate.now().minusDays(30) + "\"}"));
        assertEquals(Set.of("张三", "王五"), names("{\"field\":\"lastOrder\",\"op\":\"after\",\"value\":\""
                + java.time.LocalDate.now().minusDays(30) + "\"}"));
        assertEquals(Set.of("张三"), names("{\"field\":\"spend\",\"op\":\"lt\",\"value\":5000}"));
        assertEquals(Set.of("张三", "李四", "王五", "赵六_%"), names("{\"field\":\"createdAt\",\"op\":\"within_days\",\"value\":1}"));
        // a moment (datetime) against an instant: everything was created in the last hour, nothing before it
        String hourAgo = java.time.Instant.now().minusSeconds(3600).toString();
        assertEquals(Set.of("张三", "李四", "王五", "赵六_%"), names("{\"field\":\"createdAt\",\"op\":\"after\",\"value\":\""
                + hourAgo + "\"}"));
        assertEquals(Set.of(), names("{\"field\":\"createdAt\",\"op\":\"before\",\"value\":\"" + hourAgo + "\"}"));
        String inAnHour = java.time.Instant.now().plusSeconds(3600).toString();
        assertEquals(Set.of("张三", "李四", "王五", "赵六_%"), names("{\"field\":\"createdAt\",\"op\":\"before\",\"value\":\""
                + inAnHour + "\"}"));
        assertEquals(Set.of("王五"), names("{\"and\":[{\"field\":\"city\",\"op\":\"eq\",\"value\":\"杭州\"},"
                + "{\"not\":{\"field\":\"level\",\"op\":\"eq\",\"value\":\"gold\"}}]}"));
        assertEquals(Set.of("张三", "李四"), names("{\"or\":[{\"field\":\"vip\",\"op\":\"eq\",\"value\":true},"
                + "{\"field\":\"spend\",\"op\":\"gte\",\"value\":6000}]}"));
        assertEquals(Set.of("李四"), names("{\"field\":\"id\",\"op\":\"eq\",\"value\":\"" + byName.get("李四") + "\"}"));
    }

    @Test
    void relationsAreFilteredByTheFieldsOfTheRecordTheyPointTo() {
        JsonPath body = f.admin.api().queryParam("filter", "{\"field\":\"customer.level\",\"op\":\"eq\",\"value\":\"diamond\"}")
                .get(f.records(orders)).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("大单"), body.getList("items.data.title"));
        f.admin.api().queryParam("filter", "{\"field\":\"customer.level\",\"op\":\"eq\",\"value\":\"gold\"}")
                .get(f.records(orders)).then().statusCode(200).body("items", hasSize(0));
        // other operators through a relation too: a number range, a text prefix, a list
        assertEquals(List.of("大单"), orderTitles("{\"field\":\"customer.spend\",\"op\":\"gte\",\"value\":6000}"));
        assertEquals(List.of(), orderTitles("{\"field\":\"customer.spend\",\"op\":\"lt\",\"value\":6000}"));
        assertEquals(List.of("大单"), orderTitles("{\"field\":\"customer.name\",\"op\":\"starts_with\",\"value\":\"李\"}"));
        assertEquals(List.of("大单"), orderTitles("{\"field\":\"customer.tags\",\"op\":\"contains\",\"value\":\"高价值\"}"));
        assertEquals(List.of(), orderTitles("{\"field\":\"customer.city\",\"op\":\"in\",\"value\":[\"杭州\",\"北京\"]}"));
        assertEquals(List.of("大单"), orderTitles("{\"field\":\"customer.city\",\"op\":\"in\",\"value\":[\"杭州\",\"上海\"]}"));
    }

    @Test
    void aMemberFieldDefaultsToWhoeverFillsTheRecordInAndACreateOutsideTheRowFilterIsToldSo() {
        String leads = f.publish("lead", "线索", List.of(field("name", "名称", "text"),
                field("owner", "负责人", "member", "default", "$me")));
        Session member = f.admin.addMember(f.workspace, "member");
        String roleId = f.admin.api().get("/api/v1/workspaces/" + f.workspace + "/roles").then().extract().jsonPath()
                .getString("find { it.builtInKey == 'member' }.id");
        f.admin.api().body(Map.of("rowFilter", Map.of("field", "owner", "op", "eq", "value", "$me")))
                .put(f.forms() + "/" + leads + "/permissions/" + roleId).then().statusCode(200);

        f.create(member, leads, Map.of("name", "我的线索")).then().statusCode(201)
                .header("Qiaoban-Outside-Row-Filter", (String) null).body("data.owner", equalTo(member.userId().toString()));
        f.create(f.admin, leads, Map.of("name", "管理员的")).then().statusCode(201).body("data.owner", equalTo(f.admin.userId().toString()));
        // handed to someone else: saved, and the member is told they will not see it
        f.create(member, leads, Map.of("name", "交给管理员", "owner", f.admin.userId().toString())).then().statusCode(201)
                .header("Qiaoban-Outside-Row-Filter", "true");
        member.api().get(f.records(leads)).then().body("items.data.name", equalTo(List.of("我的线索")));

        // "$me" is a default of member fields only, and only as itself
        f.admin.api().body(Map.of("key", "bad", "name", "坏", "fields", List.of(field("dept", "部门", "department", "default", "$me"))))
                .post(f.forms()).then().statusCode(400).body("errors[0].field", equalTo("fields[0].default"));
        f.admin.api().body(Map.of("key", "bad", "name", "坏", "fields", List.of(field("owner", "负责人", "member", "default", "$you"))))
                .post(f.forms()).then().statusCode(400).body("errors[0].field", equalTo("fields[0].default"));

        // an idempotency key is one caller's: another's replay gets no record
        member.api().header("Idempotency-Key", "lead-1").body(Map.of("name", "一次")).post(f.records(leads)).then().statusCode(201);
        member.api().header("Idempotency-Key", "lead-1").body(Map.of("name", "一次")).post(f.records(leads)).then().statusCode(200);
        f.admin.api().header("Idempotency-Key", "lead-1").body(Map.of("name", "别人的")).post(f.records(leads)).then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void formulasAndLookupsThatWouldShowAHiddenFieldAreHiddenWithIt() {
        String members = f.publish("vip", "会员", List.of(field("name", "姓名", "text"), field("spend", "累计消费", "money"),
                field("discount", "折扣价", "formula", "options", Map.of("expression", "spend * 0.9", "resultType", "money")),
                field("twice", "两倍折扣价", "formula", "options", Map.of("expression", "discount * 2", "resultType", "money")),
                field("greeting", "称呼", "formula", "options", Map.of("expression", "name + '先生'", "resultType", "text")),
                // keys follow labels: a formula over Chinese keys is read as the expression language reads it
                field("积分", "积分", "number"),
                field("积分加倍", "积分加倍", "formula", "options", Map.of("expression", "积分 * 2", "resultType", "number"))));
        String visits = f.publish("visit", "拜访", List.of(field("title", "标题", "text"),
                field("vip", "会员", "relation", "options", Map.of("form", "vip")),
                field("vipSpend", "会员消费", "lookup", "options", Map.of("relation", "vip", "field", "spend")),
                field("vipName", "会员姓名", "lookup", "options", Map.of("relation", "vip", "field", "name"))));
        String wang = f.createOk(members, Map.of("name", "王", "spend", 1000, "积分", 10));
        f.createOk(visits, Map.of("title", "回访", "vip", wang));
        Session member = f.admin.addMember(f.workspace, "member");
        String roleId = f.admin.api().get("/api/v1/workspaces/" + f.workspace + "/roles").then().extract().jsonPath()
                .getString("find { it.builtInKey == 'member' }.id");
        f.admin.api().body(Map.of("hiddenFields", List.of("spend", "积分"))).put(f.forms() + "/" + members + "/permissions/" + roleId)
                .then().statusCode(200);

        member.api().get(f.records(members)).then().statusCode(200)
                .body("items[0].data.keySet()", equalTo(Set.of("name", "greeting")));
        member.api().get(f.records(visits)).then().statusCode(200)
                .body("items[0].data.keySet()", equalTo(Set.of("title", "vip", "vipName")));
        member.api().get(f.forms() + "/" + visits + "/published").then().body("fields.key", equalTo(List.of("title", "vip", "vipName")));
        member.api().queryParam("filter", "{\"field\":\"discount\",\"op\":\"gt\",\"value\":800}").get(f.records(members))
                .then().statusCode(400);
        f.admin.api().get(f.records(members)).then().body("items[0].data.twice", equalTo(1800.00f));
        // nor can a filter through the relation probe what those formulas would tell
        member.api().queryParam("filter", "{\"field\":\"vip.discount\",\"op\":\"gt\",\"value\":800}").get(f.records(visits))
                .then().statusCode(400).body("errors[0].code", equalTo("form.filter.unknownField"));
        // a form the role may not view hides every lookup of it
        f.admin.api().body(Map.of("view", false)).put(f.forms() + "/" + members + "/permissions/" + roleId).then().statusCode(200);
        member.api().get(f.records(visits)).then().statusCode(200).body("items[0].data.keySet()", equalTo(Set.of("title", "vip")));
    }

    @Test
    void throughARelationAMemberReachesOnlyWhatTheyMaySeeOfTheFormItPointsTo() {
        Session member = f.admin.addMember(f.workspace, "member");
        String mine = f.create(member, customers, Map.of("name", "我的钻石客户", "owner", member.userId().toString(),
                "level", "diamond", "spend", 9000)).then().statusCode(201).extract().path("id");
        f.create(member, orders, Map.of("title", "我的单", "customer", mine)).then().statusCode(201);
        String roleId = f.admin.api().get("/api/v1/workspaces/" + f.workspace + "/roles").then().extract().jsonPath()
                .getString("find { it.builtInKey == 'member' }.id");
        String customerPermissions = f.forms() + "/" + customers + "/permissions/" + roleId;
        f.admin.api().body(Map.of("rowFilter", Map.of("field", "owner", "op", "eq", "value", "$me"),
                "hiddenFields", List.of("spend"))).put(customerPermissions).then().statusCode(200);

        // both orders point to a diamond customer; only the member's own customer exists for them
        assertEquals(Set.of("大单", "我的单"), new HashSet<>(orderTitles("{\"field\":\"customer.level\",\"op\":\"eq\",\"value\":\"diamond\"}")));
        member.api().queryParam("filter", "{\"field\":\"customer.level\",\"op\":\"eq\",\"value\":\"diamond\"}")
                .get(f.records(orders)).then().statusCode(200).body("items.data.title", equalTo(List.of("我的单")));
        member.api().queryParam("filter", "{\"not\":{\"field\":\"customer.level\",\"op\":\"eq\",\"value\":\"gold\"}}")
                .get(f.records(orders) + "/count").then().statusCode(200).body("value", equalTo(2));
        // a field hidden from them there cannot be filtered by from here either
        member.api().queryParam("filter", "{\"field\":\"customer.spend\",\"op\":\"gt\",\"value\":5000}")
                .get(f.records(orders)).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].code", equalTo("form.filter.unknownField"));
        // nor can a relation point to a customer that does not exist for them, which its lookups would show
        f.create(member, orders, Map.of("title", "借别人的客户", "customer", byName.get("李四"))).then().statusCode(400)
                .body("errors[0].field", equalTo("customer"));
        f.create(member, orders, Map.of("title", "我的第二单", "customer", mine)).then().statusCode(201);
        // links someone else made stay when the member sends the list again; a new one must exist for them
        String meetings = f.publish("meeting", "会议", List.of(field("topic", "主题", "text"),
                field("guests", "客户", "relation", "options", Map.of("form", "customer", "multiple", true))));
        String meeting = f.createOk(meetings, Map.of("topic", "年会", "guests", List.of(byName.get("李四"))));
        member.api().body(Map.of("guests", List.of(byName.get("李四"), mine))).patch(f.records(meetings) + "/" + meeting)
                .then().statusCode(200);
        member.api().body(Map.of("guests", List.of(byName.get("李四"), mine, byName.get("张三")))).patch(f.records(meetings) + "/" + meeting)
                .then().statusCode(400).body("errors[0].field", equalTo("guests[2]"));

        // a form they may not view has no fields for them at all
        f.admin.api().body(Map.of("view", false)).put(customerPermissions).then().statusCode(200);
        member.api().queryParam("filter", "{\"field\":\"customer.level\",\"op\":\"eq\",\"value\":\"diamond\"}")
                .get(f.records(orders)).then().statusCode(400).body("errors[0].code", equalTo("form.filter.unknownField"));
        f.create(member, orders, Map.of("title", "看不见的客户", "customer", mine)).then().statusCode(400);
    }

    List<String> orderTitles(String filter) {
        return f.admin.api().queryParam("filter", filter).get(f.records(orders)).then().statusCode(200).extract().jsonPath()
                .getList("items.data.title");
    }

    @Test
    void sortedPagesFollowTheirCursorToTheEndWithoutRepeatsOrGaps() {
        for (int i = 0; i < 25; i++) {
            f.createOk(customers, Map.of("name", "批量" + i, "spend", i % 7 == 0 ? 0 : i * 10));
        }
        for (String sort : List.of("-spend", "spend", "name", "-createdAt", "updatedAt", "-lastOrder")) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                var request = f.admin.api().queryParam("sort", sort).queryParam("limit", 4);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                JsonPath page = request.get(f.records(customers)).then().statusCode(200).extract().jsonPath();
                if (pages == 0) {
                    // more than a page: the page is one query, the total is counted on request
                    assertEquals(null, page.getMap("total"));
                }
                seen.addAll(page.getList("items.id"));
                cursor = page.getString("nextCursor");
                pages++;
            } while (cursor != null && pages < 20);
            f.admin.api().queryParam("sort", sort).get(f.records(customers) + "/count").then().statusCode(200)
                    .body("value", equalTo(29)).body("exact", equalTo(true));
            // a first page that holds every match knows its total
            f.admin.api().queryParam("sort", sort).queryParam("limit", 50).get(f.records(customers)).then()
                    .body("total.value", equalTo(29)).body("total.exact", equalTo(true));
            assertEquals(29, seen.size(), sort);
            assertEquals(29, new HashSet<>(seen).size(), sort);
        }
        JsonPath first = f.admin.api().queryParam("sort", "-spend").queryParam("limit", 3).get(f.records(customers))
                .then().extract().jsonPath();
        // descending: records without a value first (PostgreSQL's order, which the index serves both ways), then 6000...
        assertEquals(List.of("赵六_%"), first.getList("items.data.name").subList(0, 1));
        f.admin.api().queryParam("sort", "spend").queryParam("cursor", first.getString("nextCursor")).get(f.records(customers))
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void hostileFieldNamesAndValuesAreRefusedOrTakenLiterallyNeverAsSql() {
        long before = count("select count(*) from record where form_id = ?", UUID.fromString(customers));
        List<String> refused = List.of(
                "{\"field\":\"name'); drop table record; --\",\"op\":\"eq\",\"value\":1}",
                "{\"field\":\"name\",\"op\":\"eq); delete from record; --\",\"value\":1}",
                "{\"field\":\"spend\",\"op\":\"gt\",\"value\":\"1; drop table record\"}",
                "{\"field\":\"data->>'x'\",\"op\":\"eq\",\"value\":1}",
                "{\"field\":\"customer.name\",\"op\":\"eq\",\"value\":1}",
                "{\"field\":\"createdAt\",\"op\":\"is_empty\"}",
                "{\"field\":\"name\",\"op\":\"in\",\"value\":\"not a list\"}",
                "{\"and\":[]}", "[1,2]", "{\"field\":\"name\"}", "{\"nope\":1}", "not json",
                "{\"field\":\"spend\",\"op\":\"between\",\"value\":[1]}",
                "{\"field\":\"id\",\"op\":\"eq\",\"value\":\"1 or 1=1\"}",
                "{\"field\":\"owner\",\"op\":\"gt\",\"value\":{\"$ne\":null}}",
                "{\"field\":\"lastOrder\",\"op\":\"within_days\",\"value\":\"30 days\"}");
        for (String filter : refused) {
            f.admin.api().queryParam("filter", filter).get(f.records(customers)).then()
                    .statusCode(400).contentType("application/problem+json");
        }
        StringBuilder deep = new StringBuilder("{\"field\":\"name\",\"op\":\"eq\",\"value\":\"x\"}");
        for (int i = 0; i < 60; i++) {
            deep.insert(0, "{\"not\":").append("}");
        }
        f.admin.api().queryParam("filter", deep.toString()).get(f.records(customers)).then().statusCode(400);
        // values are parameters: SQL in a value is just text that matches nothing
        for (String value : List.of("' or '1'='1", "杭州' --", "\\'; drop table record; --", "%", "_")) {
            assertEquals(Set.of(), names("{\"field\":\"city\",\"op\":\"eq\",\"value\":\"" + value.replace("\\", "\\\\") + "\"}"));
        }
        assertEquals(Set.of(), names("{\"field\":\"city\",\"op\":\"contains\",\"value\":\"%\"}"));
        assertEquals(before, count("select count(*) from record where form_id = ?", UUID.fromString(customers)));
    }

    @Inject
    RecordAccess recordAccess;

    @Test
    void otherEnginesPageThroughAWholeFormWithTheScopesPermissions() throws Exception {
        RecordScope system = new RecordScope(f.workspace, UUID.fromString(f.app),
                "customer", null);
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RecordPage page = recordAccess.page(system, null, cursor, 3);
            page.records().forEach(r -> seen.add(r.id().toString()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertEquals(2, pages);
        assertEquals(new HashSet<>(byName.values()), new HashSet<>(seen));
        assertEquals(byName.size(), seen.size());

        var hangzhou = recordAccess.page(system, new ObjectMapper().readTree("{\"field\":\"city\",\"op\":\"eq\",\"value\":\"杭州\"}"), null, 10);
        assertEquals(Set.of("张三", "王五"), new HashSet<>(hangzhou.records().stream().map(r -> r.data().path("name").asText()).toList()));
        assertEquals(null, hangzhou.nextCursor());

        // a member's scope: their row filter and hidden fields apply, as in the API
        Session member = f.admin.addMember(f.workspace, "member");
        String mine = f.create(member, customers, Map.of("name", "我的", "owner", member.userId().toString(), "spend", 1))
                .then().statusCode(201).extract().path("id");
        String roleId = f.admin.api().get("/api/v1/workspaces/" + f.workspace + "/roles").then().extract().jsonPath()
                .getString("find { it.builtInKey == 'member' }.id");
        f.admin.api().body(Map.of("rowFilter", Map.of("field", "owner", "op", "eq", "value", "$me"), "hiddenFields", List.of("spend")))
                .put(f.forms() + "/" + customers + "/permissions/" + roleId).then().statusCode(200);
        var theirs = recordAccess.page(new RecordScope(f.workspace, UUID.fromString(f.app), "customer",
                member.userId()), null, null, 10);
        assertEquals(List.of(mine), theirs.records().stream().map(r -> r.id().toString()).toList());
        assertEquals(false, theirs.records().get(0).data().has("spend"));
    }

    @Test
    void aRowFilterAndHiddenFieldsNarrowWhatAMemberSeesAndDoes() {
        Session member = f.admin.addMember(f.workspace, "member");
        String mine = f.create(member, customers, Map.of("name", "我的客户", "owner", member.userId().toString(), "spend", 10))
                .then().statusCode(201).extract().path("id");
        String roleId = f.admin.api().get("/api/v1/workspaces/" + f.workspace + "/roles").then().extract().jsonPath()
                .getString("find { it.builtInKey == 'member' }.id");
        String permissions = f.forms() + "/" + customers + "/permissions";
        f.admin.api().body(Map.of("rowFilter", Map.of("field", "owner", "op", "eq", "value", "$me"),
                "hiddenFields", List.of("spend"), "delete", false)).put(permissions + "/" + roleId).then().statusCode(200);
        f.admin.api().body(Map.of("rowFilter", Map.of("field", "nope", "op", "eq", "value", 1))).put(permissions + "/" + roleId)
                .then().statusCode(400).body("errors[0].field", equalTo("rowFilter.field"));

        // the exact count the UI asks for after the first page applies the row filter too
        member.api().get(f.records(customers) + "/count").then().statusCode(200)
                .body("value", equalTo(1)).body("exact", equalTo(true));
        f.admin.api().queryParam("filter", "{\"field\":\"owner\",\"op\":\"is_empty\"}").get(f.records(customers) + "/count")
                .then().statusCode(200).body("exact", equalTo(true));
        f.admin.api().queryParam("filter", "{").get(f.records(customers) + "/count").then().statusCode(400);
        member.api().get(f.records(customers)).then().statusCode(200)
                .body("items.id", equalTo(List.of(mine))).body("total.value", equalTo(1))
                .body("items[0].data.containsKey('spend')", equalTo(false)).body("items[0].data.name", equalTo("我的客户"));
        // nor is it described to them
        member.api().get(f.forms() + "/" + customers + "/published").then().statusCode(200)
                .body("fields.key", not(hasItem("spend"))).body("fields.key", hasItem("name"));
        f.admin.api().get(f.forms() + "/" + customers + "/published").then().body("fields.key", hasItem("spend"));
        member.api().get(f.forms() + "/" + customers + "/json-schema").then().statusCode(200)
                .body("properties.containsKey('spend')", equalTo(false)).body("properties.containsKey('name')", equalTo(true));
        f.admin.api().get(f.forms() + "/" + customers + "/json-schema").then().body("properties.containsKey('spend')", equalTo(true));
        // the draft and its diff describe every field: for those who design forms (others get the bookkeeping)
        member.api().get(f.forms() + "/" + customers).then().statusCode(200).body("fields", hasSize(0))
                .body("publishedVersion", equalTo(1));
        f.admin.api().get(f.forms() + "/" + customers).then().body("fields.key", hasItem("spend"));
        member.api().get(f.forms() + "/" + customers + "/diff").then().statusCode(403);
        // a hidden field can be neither filtered nor sorted by: its values would show through the answers
        String bySpend = "{\"field\":\"spend\",\"op\":\"gt\",\"value\":100}";
        member.api().queryParam("filter", bySpend).get(f.records(customers)).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].code", equalTo("form.filter.unknownField"));
        member.api().queryParam("filter", bySpend).get(f.records(customers) + "/count").then().statusCode(400);
        member.api().queryParam("sort", "-spend").get(f.records(customers)).then().statusCode(400);
        f.admin.api().queryParam("filter", bySpend).queryParam("sort", "-spend").get(f.records(customers)).then().statusCode(200);
        member.api().get(f.records(customers) + "/" + byName.get("张三")).then().statusCode(404);
        member.api().body(Map.of("name", "改名")).patch(f.records(customers) + "/" + byName.get("张三")).then().statusCode(404);
        member.api().body(Map.of("spend", 999)).patch(f.records(customers) + "/" + mine).then().statusCode(400)
                .body("errors[0].field", equalTo("spend"));
        member.api().delete(f.records(customers) + "/" + mine).then().statusCode(403);
        member.api().get(f.records(customers) + "/" + mine + "/history").then().statusCode(200)
                .body("[0].changes.field", equalTo(List.of("name", "owner")));
        f.admin.api().get(f.records(customers)).then().body("items", hasSize(5));
        assertEquals(1, count("select count(*) from audit_log where type = 'permission.changed' and workspace_id = ?", f.workspace));

        Session viewer = f.admin.addMember(f.workspace, "viewer");
        viewer.api().get(f.records(customers)).then().statusCode(200).body("items", hasSize(5));
        f.create(viewer, customers, Map.of("name", "不行")).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void eachSwitchOfARoleOnAFormRefusesItsOwnActionAndNothingElse() {
        Session member = f.admin.addMember(f.workspace, "member");
        String mine = f.create(member, customers, Map.of("name", "我的")).then().statusCode(201).extract().path("id");
        String roleId = f.admin.api().get("/api/v1/workspaces/" + f.workspace + "/roles").then().extract().jsonPath()
                .getString("find { it.builtInKey == 'member' }.id");
        String permissions = f.forms() + "/" + customers + "/permissions/" + roleId;
        String one = f.records(customers) + "/" + mine;

        f.admin.api().body(Map.of("create", false)).put(permissions).then().statusCode(200);
        f.create(member, customers, Map.of("name", "不许新建")).then().statusCode(403).contentType("application/problem+json");
        member.api().body(Map.of("name", "可以改")).patch(one).then().statusCode(200);
        member.api().get(f.records(customers)).then().statusCode(200).body("items", hasSize(5));

        f.admin.api().body(Map.of("edit", false)).put(permissions).then().statusCode(200);
        member.api().body(Map.of("name", "不许改")).patch(one).then().statusCode(403);
        f.create(member, customers, Map.of("name", "可以新建")).then().statusCode(201);
        member.api().get(one).then().statusCode(200).body("data.name", equalTo("可以改"));

        // delete: on a role that may delete records (a member may not at all)
        Session builder = f.admin.addMember(f.workspace, "builder");
        String builderPermissions = f.forms() + "/" + customers + "/permissions/" + f.admin.api()
                .get("/api/v1/workspaces/" + f.workspace + "/roles").then().extract().jsonPath()
                .getString("find { it.builtInKey == 'builder' }.id");
        String theirs = f.records(customers) + "/" + f.create(builder, customers, Map.of("name", "搭建者的")).then().statusCode(201)
                .extract().path("id");
        f.admin.api().body(Map.of("delete", false)).put(builderPermissions).then().statusCode(200);
        builder.api().delete(theirs).then().statusCode(403);
        builder.api().body(Map.of("name", "搭建者改的")).patch(theirs).then().statusCode(200);
        f.admin.api().body(Map.of()).put(builderPermissions).then().statusCode(200);
        builder.api().delete(theirs).then().statusCode(204);

        // no view: nothing of the form, not even its records one by one, and so no create or edit either
        f.admin.api().body(Map.of("view", false)).put(permissions).then().statusCode(200);
        member.api().get(f.records(customers)).then().statusCode(403).contentType("application/problem+json");
        member.api().get(one).then().statusCode(403);
        member.api().get(f.records(customers) + "/count").then().statusCode(403);
        f.create(member, customers, Map.of("name", "看不见")).then().statusCode(403);
        member.api().body(Map.of("name", "看不见")).patch(one).then().statusCode(403);
        member.api().delete(one).then().statusCode(403);

        assertEquals(1, count("select count(*) from record where form_id = ? and data->>'name' = '可以新建'",
                UUID.fromString(customers)));
        assertEquals(0, count("select count(*) from record where form_id = ? and data->>'name' in ('不许新建', '不许改', '看不见')",
                UUID.fromString(customers)));
        f.admin.api().get(f.records(customers)).then().statusCode(200).body("items", hasSize(6));
    }

    @Test
    void aDepartmentRowFilterShowsTheRecordsOfMyDepartmentsAndTheirSubDepartments() {
        String departments = "/api/v1/workspaces/" + f.workspace + "/departments";
        String sales = f.admin.api().body(Map.of("name", "销售部")).post(departments).then().statusCode(201).extract().path("id");
        String east = f.admin.api().body(Map.of("name", "华东区", "parentId", sales)).post(departments).then().statusCode(201)
                .extract().path("id");
        String service = f.admin.api().body(Map.of("name", "客服部")).post(departments).then().statusCode(201).extract().path("id");
        Session rep = f.admin.addMember(f.workspace, "member");
        f.admin.api().body(Map.of("userIds", List.of(rep.userId()))).post(departments + "/" + sales + "/members")
                .then().statusCode(204);
        String tickets = f.publish("ticket", "工单", List.of(field("title", "标题", "text"),
                field("dept", "所属部门", "department"),
                field("helpers", "协作部门", "department", "options", Map.of("multiple", true))));
        f.createOk(tickets, Map.of("title", "总部单", "dept", sales));
        f.createOk(tickets, Map.of("title", "华东单", "dept", east));
        f.createOk(tickets, Map.of("title", "客服单", "dept", service));
        f.createOk(tickets, Map.of("title", "协作单", "helpers", List.of(service, east)));

        java.util.function.Function<String, Set<String>> titles = filter -> new HashSet<>(rep.api().queryParam("filter", filter)
                .get(f.records(tickets)).then().statusCode(200).extract().jsonPath().getList("items.data.title"));
        assertEquals(Set.of("总部单"), titles.apply("{\"field\":\"dept\",\"op\":\"eq\",\"value\":\"$myDepartments\"}"));
        assertEquals(Set.of("总部单", "华东单"),
                titles.apply("{\"field\":\"dept\",\"op\":\"eq\",\"value\":\"$myDepartmentsAndBelow\"}"));
        assertEquals(Set.of("华东单", "客服单", "协作单"),
                titles.apply("{\"field\":\"dept\",\"op\":\"ne\",\"value\":\"$myDepartments\"}"));
        assertEquals(Set.of("协作单"),
                titles.apply("{\"field\":\"helpers\",\"op\":\"eq\",\"value\":\"$myDepartmentsAndBelow\"}"));
        rep.api().queryParam("filter", "{\"field\":\"dept\",\"op\":\"in\",\"value\":\"$myDepartments\"}")
                .get(f.records(tickets)).then().statusCode(400);
        // the token is a token only on department fields; elsewhere it is plain text
        assertEquals(Set.of(), titles.apply("{\"field\":\"title\",\"op\":\"eq\",\"value\":\"$myDepartments\"}"));

        String roleId = f.admin.api().get("/api/v1/workspaces/" + f.workspace + "/roles").then().extract().jsonPath()
                .getString("find { it.builtInKey == 'member' }.id");
        f.admin.api().body(Map.of("rowFilter", Map.of("field", "dept", "op", "eq", "value", "$myDepartmentsAndBelow")))
                .put(f.forms() + "/" + tickets + "/permissions/" + roleId).then().statusCode(200);
        assertEquals(Set.of("总部单", "华东单"), titles.apply("{\"field\":\"title\",\"op\":\"is_empty\",\"value\":false}"));
        // moving the rep to customer service moves what they see
        f.admin.api().delete(departments + "/" + sales + "/members/" + rep.userId()).then().statusCode(204);
        f.admin.api().body(Map.of("userIds", List.of(rep.userId()))).post(departments + "/" + service + "/members")
                .then().statusCode(204);
        assertEquals(Set.of("客服单"), titles.apply("{\"field\":\"title\",\"op\":\"is_empty\",\"value\":false}"));

        // departments are checked when a record is written: unknown ones and those of another workspace are refused
        Forms other = new Forms(TestUsers.platformAdmin(), "别的工作区");
        String foreign = other.admin.api().body(Map.of("name", "外部门")).post("/api/v1/workspaces/" + other.workspace
                + "/departments").then().statusCode(201).extract().path("id");
        f.create(f.admin, tickets, Map.of("title", "x", "dept", foreign)).then().statusCode(400)
                .body("errors[0].field", equalTo("dept")).body("errors[0].code", equalTo("form.value.noSuchDepartment"));
        f.create(f.admin, tickets, Map.of("title", "x", "helpers", List.of(east, UUID.randomUUID().toString()))).then()
                .statusCode(400).body("errors[0].field", equalTo("helpers[1]"));
    }
}
