package io.qiaoban.rule.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.qiaoban.core.testing.Session;
import io.qiaoban.core.testing.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The formula editor's endpoints: evaluation in the sandbox, errors with positions in the UI's language. */
@QuarkusTest
class ExpressionResourceTest {

    @Test
    void evaluatesAgainstSampleValues() {
        Session admin = TestUsers.platformAdmin();
        admin.api().body(Map.of("expression", "round(totalSpend * 0.8, 2)", "context", Map.of("totalSpend", 5200.5)))
                .post("/api/v1/expressions/evaluate").then().statusCode(200)
                .body("value", equalTo(4160.40f)).body("type", equalTo("number"));
        admin.api().body(Map.of("expression", "距今天数('2020-01-01') > 30 && contains(tags, 'VIP')",
                        "context", Map.of("tags", List.of("VIP"))))
                .post("/api/v1/expressions/evaluate").then().statusCode(200)
                .body("value", equalTo(true)).body("type", equalTo("boolean"));
        admin.api().body(Map.of("expression", "level = 'Gold'; level", "context", Map.of(), "outputs", List.of("level")))
                .post("/api/v1/expressions/evaluate").then().statusCode(200)
                .body("value", equalTo("Gold")).body("outputs.level", equalTo("Gold"));
    }

    @Test
    void errorsNameTheProblemAndItsPositionInTheCallersLanguage() {
        Session admin = TestUsers.platformAdmin();
        admin.api().header("Accept-Language", "zh-CN")
                .body(Map.of("expression", "amount + Runtime.getRuntime()", "context", Map.of("amount", 1)))
                .post("/api/v1/expressions/evaluate").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("expression"))
                .body("errors[0].code", equalTo("expression.methodCall"))
                .body("errors[0].position", equalTo(17))
                .body("detail", containsString("第 18 个字符"));
        admin.api().header("Accept-Language", "en")
                .body(Map.of("expression", "amont > 5", "context", Map.of("amount", 1)))
                .post("/api/v1/expressions/evaluate").then().statusCode(400)
                .body("errors[0].code", equalTo("expression.unknownName"))
                .body("errors[0].position", equalTo(0))
                .body("detail", equalTo("Character 1: unknown field \"amont\""));
        admin.api().header("Accept-Language", "en")
                .body(Map.of("expression", "amount >", "context", Map.of("amount", 1)))
                .post("/api/v1/expressions/evaluate").then().statusCode(400)
                .body("errors[0].code", equalTo("expression.syntax"));
        admin.api().header("Accept-Language", "en")
                .body(Map.of("expression", "name * 2", "context", Map.of("name", "x")))
                .post("/api/v1/expressions/evaluate").then().statusCode(400)
                .body("errors[0].code", equalTo("expression.wrongType"))
                .body("detail", containsString("text"));
        admin.api().body(Map.of("context", Map.of())).post("/api/v1/expressions/evaluate").then().statusCode(400)
                .body("errors[0].code", equalTo("expression.empty"));
        // an output is a plain name: "o[...]" once sent its index to MVEL's own optimizer
        admin.api().body(Map.of("expression", "o[Runtime.getRuntime().exec('touch /tmp/qiaoban-pwned')] = 'v'",
                        "context", Map.of("o", Map.of()), "outputs", List.of("o[Runtime.getRuntime().exec('touch /tmp/qiaoban-pwned')]")))
                .post("/api/v1/expressions/evaluate").then().statusCode(400)
                .body("errors[0].field", equalTo("outputs"));
        // a short JSON number with a huge exponent: refused, not computed
        admin.api().body("{\"expression\": \"x % 7\", \"context\": {\"x\": 1e99999999}}")
                .post("/api/v1/expressions/evaluate").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void listsTheFunctionLibraryWithChineseAliases() {
        TestUsers.platformAdmin().api().get("/api/v1/expressions/functions").then().statusCode(200)
                .body("name", hasItem("daysSince")).body("alias", hasItem("距今天数"))
                .body("find { it.name == 'sum' }.example", containsString("sum("));
    }

    @Test
    void needsASignedInCaller() {
        given().contentType(ContentType.JSON).body(Map.of("expression", "1 + 1"))
                .post("/api/v1/expressions/evaluate").then().statusCode(401);
        given().get("/api/v1/actions").then().statusCode(401);
    }
}
