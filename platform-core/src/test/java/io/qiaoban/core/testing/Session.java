package io.qiaoban.core.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** A logged-in test user: {@link #api()} sends requests with its session cookie. */
public record Session(UUID userId, String username, String password, String cookie) {
    public RequestSpecification api() {
        return given().cookie("qb_session", cookie).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static String login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().cookie("qb_session");
    }

    /** Creates a workspace as this user (a platform admin) and returns its id. */
    public UUID createWorkspace(String name) {
        return UUID.fromString(api().body(Map.of("name", name)).post("/api/v1/workspaces")
                .then().statusCode(201).extract().path("id"));
    }

    /** Adds a new user to a workspace with the built-in role of the given key and logs them in. */
    public Session addMember(UUID workspaceId, String roleKey) {
        String roleId = api().get("/api/v1/workspaces/" + workspaceId + "/roles").then().statusCode(200)
                .extract().jsonPath().getString("find { it.builtInKey == '" + roleKey + "' }.id");
        String username = "u-" + UUID.randomUUID().toString().substring(0, 12);
        String initial = "Init" + UUID.randomUUID().toString().substring(0, 8) + "9";
        String userId = api().body(Map.of("username", username, "displayName", "测试 " + username,
                        "initialPassword", initial, "roleId", roleId))
                .post("/api/v1/workspaces/" + workspaceId + "/members").then().statusCode(201).extract().path("userId");
        String cookie = login(username, initial);
        String changed = "Chg" + UUID.randomUUID().toString().substring(0, 8) + "7";
        given().cookie("qb_session", cookie).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", initial, "newPassword", changed))
                .post("/api/v1/auth/password").then().statusCode(204);
        return new Session(UUID.fromString(userId), username, changed, cookie);
    }
}
