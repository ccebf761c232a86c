package io.qiaoban.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The operational endpoints of the assembled application. */
@QuarkusTest
class PlatformEndpointsTest {
    @Test
    void readinessChecksTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("Database connections health check"));
    }

    @Test
    void openApiAndSwaggerUiAreServed() {
        // in both formats (the packaged application builds them on the first request: shell.e2e.mjs checks it)
        given().get("/q/openapi?format=json").then().statusCode(200).body("info.title", equalTo("Qiaoban API"))
                .body(containsString("/api/v1/workspaces/{workspaceId}/apps"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("title: Qiaoban API"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void prometheusMetricsAreServed() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void unknownApiRoutesAreProblemsNotPages() {
        given().get("/api/v1/no-such-route").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/nothing/here").then().statusCode(404).contentType("application/problem+json");
    }
}
