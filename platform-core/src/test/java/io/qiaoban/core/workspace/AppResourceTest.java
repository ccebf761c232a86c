package io.qiaoban.core.workspace;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qiaoban.core.testing.Session;
import io.qiaoban.core.testing.TestUsers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.persistence.EntityManager;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AppResourceTest {
    @Inject
    EntityManager em;

    @Test
    void createRenameDeleteAnAppWithEventsInTheOutbox() {
        Session admin = TestUsers.platformAdmin();
        UUID ws = admin.createWorkspace("ws " + UUID.randomUUID());
        String path = "/api/v1/workspaces/" + ws + "/apps";
        String id = admin.api().body(Map.of("name", "客户管理", "description", "CRM")).post(path).then().statusCode(201)
                .body("name", equalTo("客户管理")).extract().path("id");
        admin.api().body(Map.of("name", "客户管理")).post(path).then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", equalTo("name"));
        admin.api().body(Map.of("name", "会员中心")).patch(path + "/" + id).then().statusCode(200)
                .body("name", equalTo("会员中心")).body("description", equalTo("CRM"));
        admin.api().get(path).then().body("", hasSize(1)).body("[0].name", equalTo("会员中心"));
        admin.api().delete(path + "/" + id).then().statusCode(204);
        admin.api().get(path + "/" + id).then().statusCode(404);
        assertEquals(3L, outboxCount(ws), "app.created, app.updated and app.deleted");
    }

    @Test
    void aFailedChangeLeavesNoEventBehind() {
        Session admin = TestUsers.platformAdmin();
        UUID ws = admin.createWorkspace("ws " + UUID.randomUUID());
        String path = "/api/v1/workspaces/" + ws + "/apps";
        admin.api().body(Map.of("name", "同名")).post(path).then().statusCode(201);
        admin.api().body(Map.of("name", "同名")).post(path).then().statusCode(409);
        admin.api().body(Map.of("name", "")).post(path).then().statusCode(400);
        assertEquals(1L, outboxCount(ws));
    }

    @Test
    void viewersSeeAppsButCannotChangeThem() {
        Session admin = TestUsers.platformAdmin();
        UUID ws = admin.createWorkspace("ws " + UUID.randomUUID());
        Session viewer = admin.addMember(ws, "viewer");
        String path = "/api/v1/workspaces/" + ws + "/apps";
        admin.api().body(Map.of("name", "保修资产")).post(path).then().statusCode(201);
        viewer.api().get(path).then().statusCode(200).body("", hasSize(1));
        viewer.api().body(Map.of("name", "mine")).post(path).then().statusCode(403).contentType("application/problem+json");
    }

    private long outboxCount(UUID ws) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from outbox where workspace_id = ?1 and type like 'app.%'")
                .setParameter(1, ws).getSingleResult()).longValue());
    }
}
