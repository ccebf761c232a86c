package io.qiaoban.core.workspace;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.qiaoban.core.testing.Session;
import io.qiaoban.core.testing.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WorkspaceResourceTest {

    @Test
    void aPlatformAdminCreatesAWorkspaceAndOwnsIt() {
        Session admin = TestUsers.platformAdmin();
        String name = "旗舰店 " + UUID.randomUUID().toString().substring(0, 6);
        UUID ws = admin.createWorkspace(name);
        admin.api().get("/api/v1/workspaces").then().statusCode(200)
                .body("find { it.id == '" + ws + "' }.name", equalTo(name))
                .body("find { it.id == '" + ws + "' }.permissions", hasItem("member.manage"));
        admin.api().get("/api/v1/workspaces/" + ws + "/roles").then().statusCode(200).body("", hasSize(4))
                .body("builtInKey", equalTo(List.of("owner", "builder", "member", "viewer")));
        admin.api().get("/api/v1/workspaces/" + ws + "/audit").then().statusCode(200)
                .body("items.type", hasItem("workspace.created"));
    }

    @Test
    void renameValidatesAndAudits() {
        Session admin = TestUsers.platformAdmin();
        UUID ws = admin.createWorkspace("old " + UUID.randomUUID());
        admin.api().header("Accept-Language", "en").body(Map.of("name", "  ")).patch("/api/v1/workspaces/" + ws)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("name")).body("errors[0].message", equalTo("Required."));
        admin.api().body(Map.of("name", "x".repeat(101))).patch("/api/v1/workspaces/" + ws).then().statusCode(400)
                .body("errors[0].code", equalTo("too-long"));
        admin.api().body(Map.of("name", "新名字")).patch("/api/v1/workspaces/" + ws).then().statusCode(200)
                .body("name", equalTo("新名字"));
        admin.api().get("/api/v1/workspaces/" + ws + "/audit?type=workspace.updated").then()
                .body("items[0].detail.to", equalTo("新名字"));
    }

    @Test
    void onlyPlatformAdminsCreateWorkspacesAndOnlyManagersDeleteThem() {
        Session admin = TestUsers.platformAdmin();
        UUID ws = admin.createWorkspace("ws " + UUID.randomUUID());
        Session member = admin.addMember(ws, "member");
        member.api().body(Map.of("name", "mine")).post("/api/v1/workspaces").then().statusCode(403)
                .contentType("application/problem+json");
        member.api().delete("/api/v1/workspaces/" + ws).then().statusCode(403);
        member.api().get("/api/v1/workspaces/" + ws).then().statusCode(200);
        admin.api().delete("/api/v1/workspaces/" + ws).then().statusCode(204);
        admin.api().get("/api/v1/workspaces/" + ws).then().statusCode(404);
        member.api().get("/api/v1/workspaces").then().statusCode(200).body("", hasSize(0));
    }
}
