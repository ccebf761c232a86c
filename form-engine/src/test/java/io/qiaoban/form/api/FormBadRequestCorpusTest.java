package io.qiaoban.form.api;

import static io.qiaoban.form.testing.Forms.field;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qiaoban.core.testing.BadRequestCorpus;
import io.qiaoban.core.testing.Session;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The bad-request corpus over the form engine's application: forms, records, permissions, field types. */
@QuarkusTest
class FormBadRequestCorpusTest extends BadRequestCorpus {

    @Override
    protected Map<String, String> moreIds(Session admin, UUID workspaceId, String appId) {
        String forms = "/api/v1/workspaces/" + workspaceId + "/apps/" + appId + "/forms";
        String form = admin.api().body(Map.of("key", "corpus", "name", "语料", "fields",
                        List.of(field("name", "名称", "text"), field("amount", "金额", "money"))))
                .post(forms).then().statusCode(201).extract().path("id");
        admin.api().post(forms + "/" + form + "/publish").then().statusCode(200);
        String record = admin.api().body(Map.of("name", "样例")).post(forms + "/" + form + "/records")
                .then().statusCode(201).extract().path("id");
        String rule = admin.api().body(Map.of("name", "语料规则", "trigger", Map.of("type", "manual")))
                .post("/api/v1/workspaces/" + workspaceId + "/apps/" + appId + "/rules").then().statusCode(201).extract().path("id");
        String upload = io.restassured.RestAssured.given().cookie("qb_session", admin.cookie()).header("X-Qiaoban-Upload", "1")
                .multiPart("file", "a.csv", "名称\n样例\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post(forms + "/" + form + "/imports").then().statusCode(201).extract().path("id");
        String export = admin.api().body(Map.of("format", "csv")).post(forms + "/" + form + "/exports")
                .then().statusCode(202).extract().path("id");
        String view = admin.api().body(Map.of("name", "视图", "kind", "grid", "config", Map.of()))
                .post(forms + "/" + form + "/views").then().statusCode(201).extract().path("id");
        return Map.of("formId", form, "recordId", record, "ruleId", rule, "importId", upload, "exportId", export, "viewId", view,
                "fileId", UUID.randomUUID().toString());
    }

    @Test
    void badListQueriesAreProblems() {
        List<String> failures = new ArrayList<>();
        String records = "/api/v1/workspaces/" + ids.get("workspaceId") + "/apps/" + ids.get("appId") + "/forms/"
                + ids.get("formId") + "/records?";
        for (String query : List.of("limit=0", "limit=100000", "limit=abc", "cursor=garbage", "cursor=" + "A".repeat(3000),
                "sort=nope", "sort=-", "filter=%7B", "filter=" + "x".repeat(9000), "deleted=maybe",
                "filter=%7B%22field%22%3A%22amount%22%2C%22op%22%3A%22gt%22%2C%22value%22%3A%22abc%22%7D")) {
            check(failures, "records?" + query, admin.api().get(records + query));
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
