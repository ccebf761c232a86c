package io.qiaoban.core.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qiaoban.core.testing.BadRequestCorpus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bad-request corpus over platform-core's API, plus its query parameters and transport-level abuse. */
@QuarkusTest
class BadRequestCorpusTest extends BadRequestCorpus {

    @Test
    void badQueryParametersAreProblems() {
        List<String> failures = new ArrayList<>();
        for (String query : List.of("page=-1", "size=0", "size=100000", "page=abc", "state=NOPE", "type=%00")) {
            check(failures, "jobs?" + query, admin.api().get("/api/v1/admin/jobs?" + query));
            check(failures, "audit?" + query, admin.api().get("/api/v1/workspaces/" + ids.get("workspaceId") + "/audit?" + query));
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }


    @Test
    void transportLevelAbuseIsRefusedWithAProblem() {
        List<String> failures = new ArrayList<>();
        String apps = "/api/v1/workspaces/" + ids.get("workspaceId") + "/apps";
        Response big = admin.api().body("{\"name\": \"" + "x".repeat(1_200_000) + "\"}").post(apps);
        expect(failures, "oversized body", big, 413);
        expectChunkedTooLarge(failures, apps);
        Response deep = admin.api().body("[".repeat(100) + "]".repeat(100)).post(apps);
        expect(failures, "nesting 100", deep, 400);
        Response deepObject = admin.api().body("{\"name\":".repeat(70) + "1" + "}".repeat(70)).post(apps);
        expect(failures, "object nesting 70", deepObject, 400);
        Response form = given().cookie("qb_session", admin.cookie()).contentType("application/x-www-form-urlencoded")
                .formParam("name", "csrf").post(apps);
        expect(failures, "form post", form, 415);
        expect(failures, "unknown route", admin.api().get("/api/v1/nope"), 404);
        expect(failures, "unknown nested route", admin.api().post("/api/v1/workspaces/x/y/z"), 404);
        expect(failures, "wrong method", admin.api().put("/api/v1/workspaces"), 405);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** A body without Content-Length (chunked) over the limit: the same 413 problem. */
    private void expectChunkedTooLarge(List<String> failures, String path) {
        try {
            byte[] body = ("{\"name\": \"" + "x".repeat(1_200_000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                    "http://localhost:" + io.restassured.RestAssured.port + path))
                            .header("Content-Type", "application/json").header("Cookie", "qb_session=" + admin.cookie())
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                    () -> new java.io.ByteArrayInputStream(body)))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (r.statusCode() != 413 || !type.startsWith("application/problem+json")) {
                failures.add("chunked oversized body: expected 413 problem, got " + r.statusCode() + " " + type);
            }
        } catch (Exception e) {
            failures.add("chunked oversized body: " + e);
        }
    }

}
