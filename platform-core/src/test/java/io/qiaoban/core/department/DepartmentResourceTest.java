package io.qiaoban.core.department;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qiaoban.core.testing.Session;
import io.qiaoban.core.testing.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DepartmentResourceTest {
    Session admin;
    UUID ws;
    String base;

    @BeforeEach
    void workspace() {
        admin = TestUsers.platformAdmin();
        ws = admin.createWorkspace("部门 " + UUID.randomUUID());
        base = "/api/v1/workspaces/" + ws + "/departments";
    }

    @Test
    void anAdminBuildsATreeAndPutsMembersIntoDepartments() {
        String hq = create("总部", null);
        String sales = create("销售部", hq);
        String east = create("华东区", sales);
        String service = create("客服部", hq);
        Session rep = admin.addMember(ws, "member");

        admin.api().body(Map.of("userIds", List.of(rep.userId(), rep.userId())))
                .post(base + "/" + east + "/members").then().statusCode(204);
        admin.api().body(Map.of("userIds", List.of(rep.userId()))).post(base + "/" + service + "/members")
                .then().statusCode(204);
        // adding again changes nothing
        admin.api().body(Map.of("userIds", List.of(rep.userId()))).post(base + "/" + east + "/members")
                .then().statusCode(204);

        admin.api().get(base).then().statusCode(200)
                .body("find { it.id == '" + east + "' }.parentId", equalTo(sales))
                .body("find { it.id == '" + east + "' }.memberCount", equalTo(1))
                .body("find { it.id == '" + hq + "' }.parentId", nullValue())
                .body("findAll { it.parentId == '" + hq + "' }.name", contains("销售部", "客服部"));
        admin.api().get(base + "/" + east + "/members").then().statusCode(200)
                .body("userId", contains(rep.userId().toString()));
        admin.api().get("/api/v1/workspaces/" + ws + "/members").then()
                .body("find { it.userId == '" + rep.userId() + "' }.departmentIds", containsInAnyOrder(east, service));
        // a plain member reads the tree: department fields show its names to everyone who sees a record
        rep.api().get(base).then().statusCode(200).body("name", hasItem("华东区"));
        rep.api().body(Map.of("name", "自封部门")).post(base).then().statusCode(403);

        admin.api().delete(base + "/" + east + "/members/" + rep.userId()).then().statusCode(204);
        admin.api().delete(base + "/" + east + "/members/" + rep.userId()).then().statusCode(404);
        admin.api().get(base + "/" + east + "/members").then().body("", empty());
        admin.api().get("/api/v1/workspaces/" + ws + "/audit?type=department.members-added").then()
                .body("items[0].detail.department", containsString("总部 / 客服部"));
    }

    @Test
    void aDepartmentMovesRenamesAndNeverEndsUpInsideItself() {
        String hq = create("总部", null);
        String sales = create("销售部", hq);
        String east = create("华东区", sales);
        String service = create("客服部", null);

        admin.api().body(Map.of("parentId", east)).patch(base + "/" + sales).then().statusCode(409)
                .body("type", endsWith("/department-cycle")).body("errors[0].field", equalTo("parentId"));
        admin.api().body(Map.of("parentId", sales)).patch(base + "/" + sales).then().statusCode(409);
        admin.api().body(Map.of("parentId", service)).patch(base + "/" + sales).then().statusCode(200)
                .body("parentId", equalTo(service)).body("name", equalTo("销售部"));
        Map<String, Object> toTop = new HashMap<>();
        toTop.put("parentId", null);
        admin.api().body(toTop).patch(base + "/" + east).then().statusCode(200).body("parentId", nullValue());
        // a name without parentId renames in place
        admin.api().body(Map.of("name", "华东大区")).patch(base + "/" + east).then().statusCode(200)
                .body("name", equalTo("华东大区")).body("parentId", nullValue());
        admin.api().get("/api/v1/workspaces/" + ws + "/audit?type=department.updated").then()
                .body("items.detail.to", hasItem("客服部 / 销售部"));
    }

    @Test
    void badDepartmentsAreRefusedAndChangeNothing() {
        String hq = create("总部", null);
        create("销售部", hq);
        String before = admin.api().get(base).asString();

        admin.api().body(Map.of("name", "销售部", "parentId", hq)).post(base).then().statusCode(409)
                .body("type", endsWith("/name-taken"));
        admin.api().body(Map.of("name", " ")).post(base).then().statusCode(400).body("errors[0].field", equalTo("name"));
        admin.api().body(Map.of("name", "x".repeat(61))).post(base).then().statusCode(400)
                .body("errors[0].code", equalTo("too-long"));
        admin.api().body(Map.of("name", "孤儿", "parentId", UUID.randomUUID())).post(base).then().statusCode(404);
        admin.api().body(Map.of("name", 5)).patch(base + "/" + hq).then().statusCode(400)
                .body("errors[0].code", equalTo("wrong-type"));
        admin.api().body(Map.of("parentId", "not-an-id")).patch(base + "/" + hq).then().statusCode(400)
                .body("errors[0].field", equalTo("parentId"));
        admin.api().body(Map.of("owner", "me")).patch(base + "/" + hq).then().statusCode(400)
                .body("errors[0].code", equalTo("unknown-field"));
        admin.api().body(Map.of("userIds", List.of(UUID.randomUUID()))).post(base + "/" + hq + "/members").then()
                .statusCode(400).body("errors[0].field", equalTo("userIds[0]"))
                .body("errors[0].code", equalTo("unknown-member"));
        admin.api().body(Map.of("userIds", List.of())).post(base + "/" + hq + "/members").then().statusCode(400);
        admin.api().header("Accept-Language", "zh-CN").delete(base + "/" + hq).then().statusCode(409)
                .body("type", endsWith("/department-not-empty")).body("detail", containsString("1 个下级部门"));

        assertEquals(before, admin.api().get(base).asString());
    }

    @Test
    void theTreeIsAtMostTenLevelsDeep() {
        List<String> chain = new ArrayList<>();
        String parent = null;
        for (int level = 1; level <= DepartmentService.MAX_DEPTH; level++) {
            parent = create("第" + level + "级", parent);
            chain.add(parent);
        }
        admin.api().body(Map.of("name", "第11级", "parentId", parent)).post(base).then().statusCode(409)
                .body("type", endsWith("/department-too-deep"));
        // moving a two-level subtree under level 9 would make eleven levels
        String branch = create("分支", null);
        create("分支下级", branch);
        admin.api().body(Map.of("parentId", chain.get(8))).patch(base + "/" + branch).then().statusCode(409)
                .body("type", endsWith("/department-too-deep"));
        admin.api().body(Map.of("parentId", chain.get(7))).patch(base + "/" + branch).then().statusCode(200);
    }

    @Test
    void removingAMemberFromTheWorkspaceEmptiesTheirSeats() {
        String sales = create("销售部", null);
        Session rep = admin.addMember(ws, "member");
        admin.api().body(Map.of("userIds", List.of(rep.userId()))).post(base + "/" + sales + "/members").then().statusCode(204);
        admin.api().delete("/api/v1/workspaces/" + ws + "/members/" + rep.userId()).then().statusCode(204);
        admin.api().get(base).then().body("find { it.id == '" + sales + "' }.memberCount", equalTo(0));
        admin.api().delete(base + "/" + sales).then().statusCode(204);
        admin.api().get(base).then().body("", empty());
    }

    private String create(String name, String parentId) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("parentId", parentId);
        return admin.api().body(body).post(base).then().statusCode(201).extract().path("id");
    }
}
