package io.qiaoban.form.view;

import static io.qiaoban.core.testing.Delivery.count;
import static io.qiaoban.form.testing.Forms.field;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qiaoban.core.testing.Session;
import io.qiaoban.core.testing.TestUsers;
import io.qiaoban.form.testing.Forms;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Saved views: personal and shared, each kind checked against the form, and every refusal changing nothing. */
@QuarkusTest
class ViewResourceTest {
    Forms f;
    String customers;
    Session member;

    @BeforeEach
    void form() {
        f = new Forms(TestUsers.platformAdmin(), "视图测试");
        customers = f.publish("customer", "客户", List.of(
                field("name", "姓名", "text", "required", true),
                field("level", "等级", "select", "options",
                        Map.of("choices", List.of(Map.of("value", "gold", "label", "金卡"), Map.of("value", "diamond", "label", "钻石")))),
                field("tags", "标签", "multiselect", "options", Map.of("choices", List.of(Map.of("value", "a", "label", "A")))),
                field("visit", "回访日", "date"),
                field("spend", "累计消费", "money")));
        member = f.admin.addMember(f.workspace, "member");
    }

    String views() {
        return f.forms() + "/" + customers + "/views";
    }

    static Map<String, Object> grid() {
        return Map.of("name", "大客户", "kind", "grid", "config", Map.of(
                "columns", List.of(Map.of("field", "name", "width", 160), Map.of("field", "spend")),
                "filter", Map.of("field", "spend", "op", "gt", "value", 5000), "sort", "-spend"));
    }

    @Test
    void personalViewsAreTheirOwnersAlone() {
        String id = member.api().body(grid()).post(views()).then().statusCode(201).header("ETag", "\"1\"")
                .body("shared", equalTo(false)).body("editable", equalTo(true))
                .body("config.columns[0].width", equalTo(160)).extract().path("id");
        member.api().get(views()).then().statusCode(200).body("id", hasItem(id));
        Session other = f.admin.addMember(f.workspace, "member");
        other.api().get(views()).then().statusCode(200).body("", hasSize(0));
        other.api().body(Map.of("name", "改")).put(views() + "/" + id).then().statusCode(404);
        other.api().delete(views() + "/" + id).then().statusCode(404);

        member.api().header("If-Match", "\"1\"").body(Map.of("name", "超级大客户")).put(views() + "/" + id)
                .then().statusCode(200).header("ETag", "\"2\"").body("name", equalTo("超级大客户"))
                .body("config.sort", equalTo("-spend"));
        member.api().header("If-Match", "\"1\"").body(Map.of("name", "旧")).put(views() + "/" + id).then().statusCode(412);
        member.api().delete(views() + "/" + id).then().statusCode(204);
        member.api().get(views()).then().body("", hasSize(0));
    }

    @Test
    void sharedViewsAreMadeByThoseWhoManageTheApp() {
        Map<String, Object> kanban = Map.of("name", "等级看板", "kind", "kanban", "shared", true,
                "config", Map.of("groupBy", "level", "cardFields", List.of("name", "spend")));
        member.api().body(kanban).post(views()).then().statusCode(403);
        String id = f.admin.api().body(kanban).post(views()).then().statusCode(201).body("shared", equalTo(true))
                .extract().path("id");
        f.admin.api().body(Map.of("name", "日历", "kind", "calendar", "shared", true,
                "config", Map.of("dateField", "visit", "titleField", "name"))).post(views()).then().statusCode(201);
        member.api().get(views()).then().body("", hasSize(2)).body("find { it.id == '" + id + "' }.editable", equalTo(false));
        member.api().body(Map.of("name", "改")).put(views() + "/" + id).then().statusCode(403);
        member.api().delete(views() + "/" + id).then().statusCode(403);
    }

    @Test
    void aManagerSharesTheirOwnViewAndTakesItBackWithoutACopy() {
        Map<String, Object> grid = Map.of("name", "我的网格", "kind", "grid", "config", Map.of("sort", "-spend"));
        String mine = member.api().body(grid).post(views()).then().statusCode(201).extract().path("id");
        // a member cannot hand their view to everyone
        member.api().body(Map.of("shared", true)).put(views() + "/" + mine).then().statusCode(403);
        member.api().get(views()).then().body("find { it.id == '" + mine + "' }.shared", equalTo(false));

        String managers = f.admin.api().body(grid).post(views()).then().statusCode(201).extract().path("id");
        f.admin.api().body(Map.of("shared", true)).put(views() + "/" + managers).then().statusCode(200)
                .body("shared", equalTo(true)).body("id", equalTo(managers));
        member.api().get(views()).then().body("find { it.id == '" + managers + "' }.editable", equalTo(false));
        // unsharing makes it the manager's own again: gone from the member's list
        f.admin.api().body(Map.of("shared", false)).put(views() + "/" + managers).then().statusCode(200)
                .body("shared", equalTo(false));
        member.api().get(views()).then().body("find { it.id == '" + managers + "' }", equalTo(null));
    }

    @Test
    void viewsThatCannotWorkAreRefusedAndNothingIsSaved() {
        List<Map<String, Object>> bad = List.of(
                Map.of("name", "", "kind", "grid", "config", Map.of()),
                Map.of("name", "x", "kind", "pie", "config", Map.of()),
                Map.of("name", "x", "kind", "kanban", "config", Map.of("groupBy", "name")),
                Map.of("name", "x", "kind", "kanban", "config", Map.of("groupBy", "tags")),
                Map.of("name", "x", "kind", "calendar", "config", Map.of("dateField", "spend")),
                Map.of("name", "x", "kind", "grid", "config", Map.of("columns", List.of(Map.of("field", "nope")))),
                Map.of("name", "x", "kind", "grid", "config", Map.of("columns", List.of(Map.of("field", "name", "width", 5)))),
                Map.of("name", "x", "kind", "grid", "config", Map.of("filter", Map.of("field", "nope", "op", "eq", "value", 1))),
                Map.of("name", "x", "kind", "grid", "config", Map.of("sort", "nope")),
                Map.of("name", "x", "kind", "grid"));
        for (Map<String, Object> view : bad) {
            f.admin.api().body(view).post(views()).then().statusCode(400).contentType("application/problem+json");
        }
        f.admin.api().body(Map.of("name", "x", "kind", "calendar", "config", Map.of("dateField", "spend"))).post(views())
                .then().body("errors[0].field", equalTo("config.dateField"));
        assertEquals(0, count("select count(*) from form_view where form_id = ?", UUID.fromString(customers)));
        Forms other = new Forms(TestUsers.platformAdmin(), "别的空间");
        other.admin.api().body(grid()).post(other.forms() + "/" + customers + "/views").then().statusCode(404);
    }
}
