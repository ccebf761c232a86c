package io.qiaoban.form.api;

import static io.qiaoban.core.testing.Delivery.count;
import static io.qiaoban.core.testing.Delivery.drain;
import static io.qiaoban.form.testing.Forms.field;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qiaoban.core.testing.TestUsers;
import io.qiaoban.form.form.FieldIndexes;
import io.qiaoban.form.testing.Forms;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Designing and publishing forms through the API: drafts with If-Match, checks with a path to each
 * problem, the diff before publishing, immutable versions that records keep, changes refused when
 * they would break stored data, indexes built online, and the JSON Schema served for API users.
 */
@QuarkusTest
class FormResourceTest {
    Forms f;

    @BeforeEach
    void app() {
        f = new Forms(TestUsers.platformAdmin(), "表单测试");
    }

    Map<String, Object> form(String key, List<Map<String, Object>> fields) {
        return Map.of("key", key, "name", "客户", "fields", fields);
    }

    @Test
    void aDraftIsCheckedSavedAndPublishedAsAnImmutableVersionThatRecordsKeep() {
        String id = f.admin.api().body(form("customer", List.of(field("name", "姓名", "text", "required", true),
                        field("spend", "消费", "money"))))
                .post(f.forms()).then().statusCode(201).header("ETag", "\"1\"").body("publishedVersion", equalTo(null))
                .extract().path("id");
        String one = f.forms() + "/" + id;
        f.admin.api().get(one + "/records").then().statusCode(409).contentType("application/problem+json");
        f.admin.api().get(one + "/diff").then().body("firstVersion", equalTo(true)).body("added.key", equalTo(List.of("name", "spend")));
        f.admin.api().post(one + "/publish").then().statusCode(200).body("publishedVersion", equalTo(1))
                .body("changedSincePublish", equalTo(false));
        f.admin.api().post(one + "/publish").then().statusCode(409);
        String first = f.createOk(id, Map.of("name", "老客户", "spend", 10));

        // rename a label, add a field, remove one: all fine, even with data
        List<Map<String, Object>> next = new ArrayList<>(List.of(field("name", "客户名称", "text", "required", true),
                field("mobile", "手机", "phone")));
        f.admin.api().header("If-Match", "\"1\"").body(form("customer", next)).put(one).then().statusCode(200).header("ETag", "\"2\"");
        f.admin.api().header("If-Match", "\"1\"").body(form("customer", next)).put(one).then().statusCode(412);
        // operators keep entering data with the published version while the draft changes
        f.admin.api().get(one + "/published").then().statusCode(200).body("version", equalTo(1))
                .body("fields.key", equalTo(List.of("name", "spend")));
        f.admin.api().get(one + "/diff").then().statusCode(200)
                .body("added.key", equalTo(List.of("mobile"))).body("removed.key", equalTo(List.of("spend")))
                .body("changed[0].key", equalTo("name")).body("changed[0].properties", equalTo(List.of("label")));
        f.admin.api().post(one + "/publish").then().statusCode(200).body("publishedVersion", equalTo(2));
        f.admin.api().get(one + "/versions").then().body("version", equalTo(List.of(2, 1)));
        String second = f.createOk(id, Map.of("name", "新客户", "mobile", "13800138000"));
        f.admin.api().get(f.records(id) + "/" + first).then().body("formVersion", equalTo(1)).body("data.spend", equalTo(10.00f));
        f.admin.api().get(f.records(id) + "/" + second).then().body("formVersion", equalTo(2));
        // the key of a published form is fixed
        f.admin.api().body(form("client", next)).put(one).then().statusCode(409).body("errors[0].field", equalTo("key"));
    }

    @Test
    void changesThatWouldBreakStoredDataAreRefusedWithAClearMessage() {
        String id = f.publish("customer", "客户", List.of(field("name", "姓名", "text"), field("age", "年龄", "number"),
                field("mobile", "手机", "text")));
        f.createOk(id, Map.of("name", "甲", "age", 30, "mobile", "13800138000"));
        f.createOk(id, Map.of("name", "乙", "mobile", "13800138000"));
        String one = f.forms() + "/" + id;
        f.admin.api().body(form("customer", List.of(field("name", "姓名", "textarea"), field("age", "年龄", "date"),
                field("mobile", "手机", "text", "unique", true)))).put(one).then().statusCode(200);
        f.admin.api().header("Accept-Language", "zh-CN").post(one + "/publish").then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("fields[1].type", "fields[2].unique")))
                .body("errors[0].message", equalTo("字段“年龄”已有 1 条记录（含回收站中的）填写了数据，不能从“number”改为“date”。请新建一个字段，或先清空这些数据。"))
                .body("errors[1].message", containsString("13800138000"));
        f.admin.api().get(one).then().body("publishedVersion", equalTo(1));
        // text -> textarea is safe with data; a new field may be unique
        f.admin.api().body(form("customer", List.of(field("name", "姓名", "textarea"), field("age", "年龄", "number"),
                field("mobile", "手机", "text"), field("code", "会员号", "text", "unique", true)))).put(one).then().statusCode(200);
        f.admin.api().post(one + "/publish").then().statusCode(200).body("publishedVersion", equalTo(2));
    }

    @Test
    void aKeyRemovedAndAddedBackMeetsTheValuesItsRecordsStillHoldInTheTrashToo() {
        String id = f.publish("customer", "客户", List.of(field("name", "姓名", "text"), field("age", "年龄", "number")));
        String trashed = f.createOk(id, Map.of("name", "甲", "age", 30));
        f.admin.api().delete(f.records(id) + "/" + trashed).then().statusCode(204);
        String one = f.forms() + "/" + id;
        // the trashed record's value counts for a change in place: a restore would bring it back
        f.admin.api().body(form("customer", List.of(field("name", "姓名", "text"), field("age", "年龄", "date")))).put(one)
                .then().statusCode(200);
        f.admin.api().post(one + "/publish").then().statusCode(409).body("errors.field", equalTo(List.of("fields[1].type")));
        // removed in version 2 ...
        f.admin.api().body(form("customer", List.of(field("name", "姓名", "text")))).put(one).then().statusCode(200);
        f.admin.api().post(one + "/publish").then().statusCode(200).body("publishedVersion", equalTo(2));
        // ... and back as a date in version 3: the stored numbers would meet a date field
        f.admin.api().body(form("customer", List.of(field("name", "姓名", "text"), field("age", "出生日期", "date")))).put(one)
                .then().statusCode(200);
        f.admin.api().header("Accept-Language", "en").post(one + "/publish").then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("fields[1].key")))
                .body("errors[0].message", containsString("The field key \"age\" belonged to a \"number\" field"));
        f.admin.api().get(one).then().body("publishedVersion", equalTo(2));
        // back as a number it is the same field again, and the restored record reads as it was
        f.admin.api().body(form("customer", List.of(field("name", "姓名", "text"), field("age", "年龄", "number")))).put(one)
                .then().statusCode(200);
        f.admin.api().post(one + "/publish").then().statusCode(200).body("publishedVersion", equalTo(3));
        f.admin.api().post(f.records(id) + "/" + trashed + "/restore").then().statusCode(200);
        f.admin.api().get(f.records(id) + "?sort=-age").then().statusCode(200).body("items[0].data.age", equalTo(30));
    }

    @Test
    void indexedFieldsGetAnExpressionIndexBuiltOnlineAfterPublishing() {
        String id = f.publish("customer", "客户", List.of(field("city", "城市", "text", "indexed", true),
                field("spend", "消费", "money", "indexed", true)));
        drain();
        for (String key : List.of("city", "spend")) {
            assertEquals(1, count("select count(*) from pg_indexes where indexname = ?", FieldIndexes.name(UUID.fromString(id), key)));
        }
        f.admin.api().body(form("customer", List.of(field("city", "城市", "text"), field("spend", "消费", "money", "indexed", true))))
                .put(f.forms() + "/" + id).then().statusCode(200);
        f.admin.api().post(f.forms() + "/" + id + "/publish").then().statusCode(200);
        drain();
        assertEquals(0, count("select count(*) from pg_indexes where indexname = ?", FieldIndexes.name(UUID.fromString(id), "city")));
        assertEquals(1, count("select count(*) from pg_indexes where indexname = ?", FieldIndexes.name(UUID.fromString(id), "spend")));
    }

    @Test
    void badDefinitionsArePointedAtFieldByField() {
        f.admin.api().header("Accept-Language", "en").body(form("customer", List.of(field("name", "", "text"),
                        field("total", "合计", "formula", "options", Map.of("expression", "price * new java.io.File('x')")),
                        field("o", "订单", "relation", "options", Map.of("form", "nope")))))
                .post(f.forms()).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("fields[0].label")));
        f.admin.api().body(form("customer", List.of(field("price", "单价", "money"),
                        field("total", "合计", "formula", "options", Map.of("expression", "price * new java.io.File('x')")),
                        field("o", "订单", "relation", "options", Map.of("form", "nope")))))
                .post(f.forms()).then().statusCode(400)
                .body("errors.field", equalTo(List.of("fields[1].options.expression", "fields[2].options.form")))
                .body("errors[0].position", org.hamcrest.Matchers.greaterThanOrEqualTo(8));
        f.admin.api().body(Map.of("key", 5)).post(f.forms()).then().statusCode(400).contentType("application/problem+json");
        f.admin.api().get(f.forms()).then().body("", hasSize(0));
    }

    @Test
    void aLayoutPlacesKnownFieldsOnceInWidthsOfTheGridAndIsPublishedWithTheForm() {
        List<Map<String, Object>> fields = List.of(field("name", "姓名", "text"), field("mobile", "手机", "phone"),
                field("city", "城市", "text"));
        Map<String, Object> bad = Map.of("key", "customer", "name", "客户", "fields", fields, "layout", List.of(
                Map.of("section", "基本信息"), Map.of("field", "name", "span", 12), Map.of("field", "name"),
                Map.of("field", "nope"), Map.of("field", "mobile", "span", 10), Map.of("section", " "),
                Map.of("field", "city", "colour", "red"), "city"));
        f.admin.api().header("Accept-Language", "en").body(bad).post(f.forms()).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("layout[2].field", "layout[3].field", "layout[4].span",
                        "layout[5].section", "layout[6]", "layout[7]")))
                .body("errors[0].message", equalTo("The field \"name\" is placed twice in the layout."))
                .body("errors[2].message", equalTo("Must be one of: 24, 12, 8, 6."));
        f.admin.api().body(Map.of("key", "customer", "name", "客户", "fields", fields, "layout", Map.of("field", "name")))
                .post(f.forms()).then().statusCode(400).body("errors.field", equalTo(List.of("layout")));
        f.admin.api().get(f.forms()).then().body("", hasSize(0));

        List<Map<String, Object>> layout = List.of(Map.of("section", "联系方式"), Map.of("field", "mobile", "span", 12),
                Map.of("field", "name", "span", 12));
        String id = f.admin.api().body(Map.of("key", "customer", "name", "客户", "fields", fields, "layout", layout))
                .post(f.forms()).then().statusCode(201).body("layout", equalTo(layout)).extract().path("id");
        f.admin.api().post(f.forms() + "/" + id + "/publish").then().statusCode(200);
        // the layout draws the form; the fields keep their order for data (columns, exports)
        f.admin.api().get(f.forms() + "/" + id + "/published").then().body("layout", equalTo(layout))
                .body("fields.key", equalTo(List.of("name", "mobile", "city")));
        // a field removed from the form must leave its layout too
        f.admin.api().header("If-Match", "\"1\"").body(Map.of("key", "customer", "name", "客户",
                        "fields", fields.subList(0, 2), "layout", List.of(Map.of("field", "city"))))
                .put(f.forms() + "/" + id).then().statusCode(400).body("errors.field", equalTo(List.of("layout[0].field")));
        f.admin.api().get(f.forms() + "/" + id + "/diff").then().body("layoutChanged", equalTo(false));
    }

    @Test
    void aTitleFieldMustBeATextLikeFieldOfTheFormAndNoOtherSettingIsStored() {
        List<Map<String, Object>> fields = List.of(field("name", "姓名", "text"), field("spend", "消费", "money"));
        f.admin.api().header("Accept-Language", "en").body(Map.of("key", "customer", "name", "客户", "fields", fields,
                        "settings", Map.of("titleField", "spend", "colour", "red")))
                .post(f.forms()).then().statusCode(400)
                .body("errors.field", equalTo(List.of("settings.colour", "settings.titleField")))
                .body("errors[0].message", equalTo("Unknown setting; the settings are: titleField."));
        f.admin.api().body(Map.of("key", "customer", "name", "客户", "fields", fields, "settings", Map.of("titleField", "nope")))
                .post(f.forms()).then().statusCode(400).body("errors.field", equalTo(List.of("settings.titleField")));
        f.admin.api().get(f.forms()).then().body("", hasSize(0));

        String id = f.admin.api().body(Map.of("key", "customer", "name", "客户", "fields", fields,
                        "settings", Map.of("titleField", "name")))
                .post(f.forms()).then().statusCode(201).body("settings.titleField", equalTo("name")).extract().path("id");
        f.admin.api().post(f.forms() + "/" + id + "/publish").then().statusCode(200);
        f.admin.api().get(f.forms() + "/" + id + "/published").then().body("settings.titleField", equalTo("name"));
        // the title field cannot leave the form while the settings name it
        f.admin.api().header("If-Match", "\"1\"").body(Map.of("key", "customer", "name", "客户", "fields", fields.subList(1, 2),
                        "settings", Map.of("titleField", "name")))
                .put(f.forms() + "/" + id).then().statusCode(400).body("errors.field", equalTo(List.of("settings.titleField")));
    }

    @Test
    void thePublishedFormIsServedAsJsonSchemaAndAFormWithRecordsIsNotDeleted() {
        String id = f.publish("customer", "客户", List.of(field("name", "姓名", "text", "required", true),
                field("level", "等级", "select", "options", Map.of("choices", List.of(Map.of("value", "gold"))))));
        f.admin.api().accept("application/schema+json").get(f.forms() + "/" + id + "/json-schema").then().statusCode(200)
                .contentType("application/schema+json")
                .body("'$schema'", equalTo("https://json-schema.org/draft/2020-12/schema"))
                .body("required", equalTo(List.of("name"))).body("properties.level.enum", equalTo(List.of("gold")));
        f.createOk(id, Map.of("name", "甲"));
        f.admin.api().delete(f.forms() + "/" + id).then().statusCode(409);
        String empty = f.publish("empty", "空表", List.of(field("a", "A", "text")));
        f.admin.api().delete(f.forms() + "/" + empty).then().statusCode(204);
    }
}
