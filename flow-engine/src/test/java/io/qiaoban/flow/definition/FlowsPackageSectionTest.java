package io.qiaoban.flow.definition;

import static io.qiaoban.flow.testing.FlowApp.edge;
import static io.qiaoban.flow.testing.FlowApp.field;
import static io.qiaoban.flow.testing.FlowApp.node;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.core.pkg.PackageContext;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.testing.Delivery;
import io.qiaoban.flow.testing.FlowApp;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Flows travel in app packages: exported from one app and imported into another they are created
 * and published there, a flow.start action starting the other app's copy; importing again changes
 * nothing; a changed graph is a new version of that flow only; a package whose action starts a flow
 * it does not contain, or whose graph cannot run, is refused.
 */
@QuarkusTest
class FlowsPackageSectionTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    FlowsPackageSection section;

    static Map<String, Object> welcome(String pointsFlowId) {
        return FlowApp.graph(List.of(
                        node("joined", "trigger", "入会", Map.of("on", "record.created", "form", "member")),
                        node("points", "action", "发起积分审批", Map.of("action", "flow.start", "flow", pointsFlowId)),
                        node("end", "end", "结束", Map.of())),
                List.of(edge("joined", "points", null), edge("points", "end", null)));
    }

    @Test
    void exportedFlowsImportIdempotentlyAndUpgradeInPlace() {
        FlowApp source = new FlowApp("包来源");
        source.form("member", "会员", List.of(field("phone", "手机", "text")));
        String points = source.flow("approval", "积分审批", FlowApp.graph(List.of(
                        node("s", "trigger", "提交", Map.of("on", "manual")),
                        node("ok", "approval", "审批", Map.of("assignees", Map.of("by", "role", "roles", List.of("owner")))),
                        node("e", "end", "结束", Map.of())),
                List.of(edge("s", "ok", null), edge("ok", "e", null))));
        source.flow("journey", "入会欢迎", welcome(points));
        JsonNode exported = QuarkusTransaction.requiringNew().call(() ->
                section.export(new PackageContext(source.workspace, UUID.fromString(source.app), "crm", "1.0.0")));
        assertEquals(2, exported.size());
        JsonNode start = findNode(exported, "入会欢迎", "points");
        assertEquals("积分审批", start.path("config").path("flowName").asText());
        assertEquals(false, start.path("config").has("flow"));

        FlowApp target = new FlowApp("包目标");
        String members = target.form("member", "会员", List.of(field("phone", "手机", "text")));
        PackageContext into = new PackageContext(target.workspace, UUID.fromString(target.app), "crm", "1.0.0");
        QuarkusTransaction.requiringNew().run(() -> section.importSection(into, exported));
        QuarkusTransaction.requiringNew().run(() -> section.importSection(into, exported));
        List<Map<String, Object>> flows = target.admin.api().get(target.flows()).then().statusCode(200)
                .body("size()", equalTo(2)).extract().path("$");
        Map<String, String> ids = new java.util.HashMap<>();
        flows.forEach(f -> {
            assertEquals(1, f.get("publishedVersion"), f.get("name") + " published once");
            ids.put((String) f.get("name"), (String) f.get("id"));
        });
        target.admin.api().get(target.flows() + "/" + ids.get("入会欢迎") + "/versions/1").then().statusCode(200)
                .body("nodes.find { it.id == 'points' }.config.flow", equalTo(ids.get("积分审批")));

        // a member joining in the target app starts the target's own 积分审批 through the imported journey
        target.record(members, Map.of("phone", "13600000001"));
        Delivery.drain();
        target.admin.api().get(target.flows() + "/" + ids.get("积分审批") + "/instances").then().body("size()", equalTo(1));

        // version 1.1 renames a node of the journey: a new version of it, the approval untouched
        ((ObjectNode) findNode(exported, "入会欢迎", "end")).put("name", "欢迎完成");
        QuarkusTransaction.requiringNew().run(() -> section.importSection(into, exported));
        target.admin.api().get(target.flows()).then()
                .body("find { it.name == '入会欢迎' }.publishedVersion", equalTo(2))
                .body("find { it.name == '积分审批' }.publishedVersion", equalTo(1));
    }

    @Test
    void aPackageThatStartsAFlowItLacksOrCannotRunIsRefused() {
        FlowApp target = new FlowApp("坏包");
        PackageContext into = new PackageContext(target.workspace, UUID.fromString(target.app), "crm", "1.0.0");
        JsonNode dangling = JSON.valueToTree(List.of(Map.of("kind", "journey",
                "name", "入会欢迎", "published", true, "graph", welcome("x"))));
        ((ObjectNode) findNode(dangling, "入会欢迎", "points").path("config")).remove("flow");
        ((ObjectNode) findNode(dangling, "入会欢迎", "points").path("config")).put("flowName", "不存在的流程");
        ProblemException refused = assertThrows(ProblemException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> section.importSection(into, dangling)));
        assertEquals("flow.package.unknownFlow", refused.errors().get(0).code());

        JsonNode broken = JSON.valueToTree(List.of(Map.of("kind", "journey",
                "name", "断头旅程", "published", true, "graph", FlowApp.graph(List.of(
                        node("s", "trigger", "开始", Map.of("on", "manual")), node("e", "end", "结束", Map.of())), List.of()))));
        refused = assertThrows(ProblemException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> section.importSection(into, broken)));
        assertEquals("flow.invalid", refused.code());
        // nothing of either stayed
        target.admin.api().get(target.flows()).then().body("size()", equalTo(0));
    }

    static JsonNode findNode(JsonNode section, String flow, String nodeId) {
        for (JsonNode f : section) {
            if (f.path("name").asText().equals(flow)) {
                for (JsonNode n : f.path("graph").path("nodes")) {
                    if (n.path("id").asText().equals(nodeId)) {
                        return n;
                    }
                }
            }
        }
        throw new IllegalArgumentException(flow + "/" + nodeId);
    }
}
