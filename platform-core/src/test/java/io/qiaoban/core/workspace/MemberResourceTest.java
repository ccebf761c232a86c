package io.qiaoban.core.workspace;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.qiaoban.core.testing.Session;
import io.qiaoban.core.testing.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MemberResourceTest {

    @Test
    void anAdminAddsAUserWithARoleWhoMustChangeTheInitialPassword() {
        Session admin = TestUsers.platformAdmin();
        UUID ws = admin.createWorkspace("ws " + UUID.randomUUID());
        String builder = roleId(admin, ws, "builder");
        String username = "zhang.san-" + UUID.randomUUID().toString().substring(0, 6);
        admin.api().body(Map.of("username", username, "displayName", "张三", "initialPassword", "Start1234", "roleId", builder))
                .post("/api/v1/workspaces/" + ws + "/members").then().statusCode(201)
                .body("roleName", equalTo("搭建者")).body("mustChangePassword", equalTo(true));
        String cookie = Session.login(username, "Start1234");
        given().cookie("qb_session", cookie).get("/api/v1/auth/me").then().body("mustChangePassword", equalTo(true));
        admin.api().get("/api/v1/workspaces/" + ws + "/audit?type=member.added").then()
                .body("items[0].detail.username", equalTo(username));
    }

    @Test
    void badNewMembersAreRefusedFieldByField() {
        Session admin = TestUsers.platformAdmin();
        UUID ws = admin.createWorkspace("ws " + UUID.randomUUID());
        String member = roleId(admin, ws, "member");
        String path = "/api/v1/workspaces/" + ws + "/members";
        admin.api().body(Map.of("username", "a b", "displayName", "x", "initialPassword", "Start1234", "roleId", member))
                .post(path).then().statusCode(400).body("errors[0].field", equalTo("username"));
        admin.api().body(Map.of("username", "okname", "displayName", "x", "initialPassword", "short", "roleId", member))
                .post(path).then().statusCode(400).body("errors[0].field", equalTo("initialPassword"));
        admin.api().body(Map.of("username", "okname", "displayName", "x", "initialPassword", "Start1234",
                "roleId", UUID.randomUUID())).post(path).then().statusCode(404);
        admin.api().body(Map.of("username", admin.username(), "displayName", "x", "initialPassword", "Start1234",
                "roleId", member)).post(path).then().statusCode(409).body("errors[0].field", equalTo("username"));
        admin.api().body(Map.of("username", "okname2", "displayName", "x", "initialPassword", "Start1234",
                "roleId", member, "platformAdmin", true)).post(path).then().statusCode(400)
                .body("errors[0].code", equalTo("unknown-field"));
    }

    @Test
    void roleChangesAreAuditedAndGuarded() {
        Session admin = TestUsers.platformAdmin();
        UUID ws = admin.createWorkspace("ws " + UUID.randomUUID());
        Session viewer = admin.addMember(ws, "viewer");
        String builder = roleId(admin, ws, "builder");
        // a viewer may not manage members, nor raise their own role
        viewer.api().body(Map.of("roleId", builder)).patch("/api/v1/workspaces/" + ws + "/members/" + viewer.userId())
                .then().statusCode(403);
        viewer.api().get("/api/v1/workspaces/" + ws + "/members").then().statusCode(403);
        admin.api().body(Map.of("roleId", builder)).patch("/api/v1/workspaces/" + ws + "/members/" + viewer.userId())
                .then().statusCode(200).body("roleName", equalTo("搭建者"));
        admin.api().get("/api/v1/workspaces/" + ws + "/audit?type=role.changed").then()
                .body("items[0].detail.from", equalTo("只读")).body("items[0].detail.to", equalTo("搭建者"))
                .body("items[0].actorName", equalTo(admin.username()));
        // the last owner cannot demote themself or leave
        admin.api().body(Map.of("roleId", builder)).patch("/api/v1/workspaces/" + ws + "/members/" + admin.userId())
                .then().statusCode(409);
        admin.api().delete("/api/v1/workspaces/" + ws + "/members/" + viewer.userId()).then().statusCode(204);
        viewer.api().get("/api/v1/workspaces/" + ws).then().statusCode(404);
    }

    @Test
    void rolePermissionsCanBeEditedExceptTheOwners() {
        Session admin = TestUsers.platformAdmin();
        UUID ws = admin.createWorkspace("ws " + UUID.randomUUID());
        String path = "/api/v1/workspaces/" + ws + "/roles";
        String auditor = admin.api().body(Map.of("name", "审计员", "permissions", List.of("audit.read")))
                .post(path).then().statusCode(201).extract().path("id");
        admin.api().body(Map.of("name", "审计员", "permissions", List.of())).post(path).then().statusCode(409);
        admin.api().body(Map.of("name", "坏的", "permissions", List.of("audit.read", "root.everything"))).post(path)
                .then().statusCode(400).body("errors[0].field", equalTo("permissions[1]"));
        admin.api().body(Map.of("permissions", List.of("audit.read", "member.view"))).patch(path + "/" + auditor)
                .then().statusCode(200).body("permissions", equalTo(List.of("audit.read", "member.view")));
        admin.api().get("/api/v1/workspaces/" + ws + "/audit?type=role.updated").then()
                .body("items[0].detail.to", hasItem("member.view"));
        String owner = roleId(admin, ws, "owner");
        admin.api().body(Map.of("permissions", List.of())).patch(path + "/" + owner).then().statusCode(409);
        admin.api().delete(path + "/" + owner).then().statusCode(409);
        admin.api().delete(path + "/" + auditor).then().statusCode(204);
        given().contentType(ContentType.JSON).get("/api/v1/permissions").then().statusCode(401);
        admin.api().get("/api/v1/permissions").then().statusCode(200).body("key", hasItem("member.manage"));
    }

    @Test
    void nobodyHandsOutMoreThanTheyHold() {
        Session owner = TestUsers.platformAdmin();
        UUID ws = owner.createWorkspace("ws " + UUID.randomUUID());
        String roles = "/api/v1/workspaces/" + ws + "/roles";
        String members = "/api/v1/workspaces/" + ws + "/members";
        String hrRole = owner.api().body(Map.of("name", "人事", "permissions",
                List.of("member.view", "member.manage", "role.manage", "app.view"))).post(roles)
                .then().statusCode(201).extract().path("id");
        Session hr = owner.addMember(ws, "viewer");
        owner.api().body(Map.of("roleId", hrRole)).patch(members + "/" + hr.userId()).then().statusCode(200);
        String ownerRole = roleId(owner, ws, "owner");
        String builderRole = roleId(owner, ws, "builder");
        String viewerRole = roleId(owner, ws, "viewer");

        // no new owners, no roles with permissions the HR member lacks
        hr.api().body(Map.of("username", "mole-" + UUID.randomUUID().toString().substring(0, 6), "displayName", "x",
                "initialPassword", "Start1234", "roleId", ownerRole)).post(members).then().statusCode(403);
        hr.api().body(Map.of("username", "mole2-" + UUID.randomUUID().toString().substring(0, 6), "displayName", "x",
                "initialPassword", "Start1234", "roleId", builderRole)).post(members).then().statusCode(403);
        hr.api().body(Map.of("username", "ok-" + UUID.randomUUID().toString().substring(0, 6), "displayName", "x",
                "initialPassword", "Start1234", "roleId", viewerRole)).post(members).then().statusCode(201);
        // owners are out of reach
        hr.api().body(Map.of("roleId", viewerRole)).patch(members + "/" + owner.userId()).then().statusCode(403);
        hr.api().delete(members + "/" + owner.userId()).then().statusCode(403);
        // and their own role cannot grow, nor can a new role exceed theirs
        hr.api().body(Map.of("permissions", List.of("member.view", "member.manage", "role.manage", "app.view",
                "workspace.manage"))).patch(roles + "/" + hrRole).then().statusCode(403);
        hr.api().body(Map.of("name", "超级", "permissions", List.of("workspace.manage"))).post(roles).then().statusCode(403);
        hr.api().body(Map.of("permissions", List.of("app.view", "audit.read"))).patch(roles + "/" + viewerRole)
                .then().statusCode(403);
        hr.api().body(Map.of("name", "访客", "permissions", List.of("app.view"))).post(roles).then().statusCode(201);
        owner.api().get(roles).then().body("find { it.id == '" + hrRole + "' }.permissions",
                equalTo(List.of("member.view", "member.manage", "role.manage", "app.view")));
        owner.api().get("/api/v1/workspaces/" + ws).then().statusCode(200);
    }

    @Test
    void textsWithControlCharactersAndAbsurdPagesAreRefused() {
        Session admin = TestUsers.platformAdmin();
        UUID ws = admin.createWorkspace("ws " + UUID.randomUUID());
        admin.api().body(Map.of("name", "ok", "description", "a\u0000b")).post("/api/v1/workspaces/" + ws + "/apps")
                .then().statusCode(400).body("errors[0].field", equalTo("description"));
        admin.api().get("/api/v1/workspaces/" + ws + "/audit?page=11000000&size=200").then().statusCode(400);
        admin.api().get("/api/v1/workspaces/" + ws + "/audit?type=%00").then().statusCode(400);
    }

    static String roleId(Session admin, UUID ws, String key) {
        return admin.api().get("/api/v1/workspaces/" + ws + "/roles").then().statusCode(200).extract().jsonPath()
                .getString("find { it.builtInKey == '" + key + "' }.id");
    }
}
