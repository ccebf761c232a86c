package io.qiaoban.core.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qiaoban.core.audit.AuditEntry;
import io.qiaoban.core.testing.Session;
import io.qiaoban.core.testing.TestUsers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthResourceTest {

    @Test
    void loginSetsAnHttpOnlyStrictCookieAndMeAnswersWithTheUser() {
        String username = "alice-" + UUID.randomUUID().toString().substring(0, 8);
        TestUsers.create(username, "Secret123x", false, false);
        String setCookie = given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "Secret123x"))
                .post("/api/v1/auth/login").then().statusCode(200).body("username", equalTo(username))
                .extract().header("Set-Cookie");
        assertEquals(true, setCookie.contains("HttpOnly"), setCookie);
        assertEquals(true, setCookie.contains("SameSite=Strict"), setCookie);
        String cookie = Session.login(username, "Secret123x");
        given().cookie("qb_session", cookie).get("/api/v1/auth/me").then().statusCode(200)
                .body("username", equalTo(username)).body("mustChangePassword", equalTo(false));
        assertEquals(2, auditCount("login.succeeded", username));
    }

    @Test
    void wrongPasswordIsA401ProblemAndAudited() {
        String username = "bob-" + UUID.randomUUID().toString().substring(0, 8);
        TestUsers.create(username, "Secret123x", false, false);
        given().contentType(ContentType.JSON).header("Accept-Language", "en")
                .body(Map.of("username", username, "password", "wrong-one1"))
                .post("/api/v1/auth/login").then().statusCode(401).contentType("application/problem+json")
                .body("detail", equalTo("Wrong username or password.")).header("Set-Cookie", (String) null);
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "wrong-one1"))
                .post("/api/v1/auth/login").then().statusCode(401).body("detail", equalTo("用户名或密码不正确。"));
        assertEquals(2, failedLogins(username));
    }

    @Test
    void unknownUserGetsTheSameAnswerAsAWrongPassword() {
        given().contentType(ContentType.JSON).header("Accept-Language", "en")
                .body(Map.of("username", "nobody-" + UUID.randomUUID(), "password", "whatever1"))
                .post("/api/v1/auth/login").then().statusCode(401).body("detail", equalTo("Wrong username or password."));
    }

    @Test
    void repeatedFailuresAreThrottled() {
        String username = "carol-" + UUID.randomUUID().toString().substring(0, 8);
        TestUsers.create(username, "Secret123x", false, false);
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "nope-" + i + "x"))
                    .post("/api/v1/auth/login").then().statusCode(401);
        }
        // even the right password waits now
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "Secret123x"))
                .post("/api/v1/auth/login").then().statusCode(429).contentType("application/problem+json");
    }

    @Test
    void everyApiCallNeedsASessionAndLogoutEndsIt() {
        given().get("/api/v1/workspaces").then().statusCode(401).contentType("application/problem+json");
        given().cookie("qb_session", "forged-token").get("/api/v1/workspaces").then().statusCode(401);
        Session admin = TestUsers.platformAdmin();
        admin.api().get("/api/v1/workspaces").then().statusCode(200);
        admin.api().post("/api/v1/auth/logout").then().statusCode(204).header("Set-Cookie", containsString("Max-Age=0"));
        admin.api().get("/api/v1/workspaces").then().statusCode(401);
        assertEquals(1, auditCount("logout", admin.username()));
    }

    @Test
    void aUserWithAnInitialPasswordMustChangeItBeforeAnythingElse() {
        String username = "dave-" + UUID.randomUUID().toString().substring(0, 8);
        TestUsers.create(username, "Initial123", false, true);
        String cookie = Session.login(username, "Initial123");
        given().cookie("qb_session", cookie).get("/api/v1/workspaces").then().statusCode(403)
                .body("type", containsString("password-change-required"));
        given().cookie("qb_session", cookie).get("/api/v1/auth/me").then().statusCode(200)
                .body("mustChangePassword", equalTo(true));
        // the policy is enforced, field by field
        given().cookie("qb_session", cookie).contentType(ContentType.JSON).header("Accept-Language", "en")
                .body(Map.of("currentPassword", "Initial123", "newPassword", "short"))
                .post("/api/v1/auth/password").then().statusCode(400).body("errors[0].field", equalTo("newPassword"));
        given().cookie("qb_session", cookie).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "not-it-123", "newPassword", "Better1234"))
                .post("/api/v1/auth/password").then().statusCode(400).body("errors[0].field", equalTo("currentPassword"));
        given().cookie("qb_session", cookie).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "Initial123", "newPassword", "Better1234"))
                .post("/api/v1/auth/password").then().statusCode(204);
        given().cookie("qb_session", cookie).get("/api/v1/workspaces").then().statusCode(200);
        Session.login(username, "Better1234");
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "Initial123"))
                .post("/api/v1/auth/login").then().statusCode(401);
    }

    @Test
    void loginCannotBeUsedToSetFields() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "x", "password", "y", "platformAdmin", true))
                .post("/api/v1/auth/login").then().statusCode(400).body("errors[0].field", equalTo("platformAdmin"))
                .body("errors[0].code", equalTo("unknown-field"));
    }

    static long auditCount(String type, String username) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEntry.count("type = ?1 and actorName = ?2", type, username));
    }

    static long failedLogins(String username) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) AuditEntry.getEntityManager().createNativeQuery(
                "select count(*) from audit_log where type = 'login.failed' and detail ->> 'username' = ?1")
                .setParameter(1, username).getSingleResult()).longValue());
    }
}
