package io.qiaoban.rule.rule;

import static io.qiaoban.core.testing.Delivery.count;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiaoban.core.pkg.PackageContext;
import io.qiaoban.core.testing.Session;
import io.qiaoban.core.testing.TestUsers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Rules travel in app packages: export, import elsewhere, import again changes nothing, a change is a new version. */
@QuarkusTest
class RulesPackageSectionTest {
    @Inject
    RulesPackageSection section;

    @Test
    void exportedRulesImportIdempotentlyAndUpgradeInPlace() {
        Session admin = TestUsers.platformAdmin();
        UUID source = admin.createWorkspace("来源 " + UUID.randomUUID().toString().substring(0, 6));
        String sourceApp = admin.api().body(Map.of("name", "CRM")).post("/api/v1/workspaces/" + source + "/apps")
                .then().statusCode(201).extract().path("id");
        String rules = "/api/v1/workspaces/" + source + "/apps/" + sourceApp + "/rules";
        String id = admin.api().body(Map.of("name", "生日关怀",
                        "trigger", Map.of("type", "schedule", "cron", "0 9 * * *"),
                        "condition", "",
                        "actions", List.of(Map.of("action", "event.publish", "config", Map.of("eventType", "customer.birthday")))))
                .post(rules).then().statusCode(201).extract().path("id");
        admin.api().post(rules + "/" + id + "/publish").then().statusCode(200);
        admin.api().body(Map.of("enabled", true)).post(rules + "/" + id + "/enabled").then().statusCode(200);

        JsonNode exported = QuarkusTransaction.requiringNew().call(() ->
                section.export(new PackageContext(source, UUID.fromString(sourceApp), "crm", "1.0.0")));
        assertEquals(1, exported.size());

        UUID target = admin.createWorkspace("目标 " + UUID.randomUUID().toString().substring(0, 6));
        String targetApp = admin.api().body(Map.of("name", "CRM")).post("/api/v1/workspaces/" + target + "/apps")
                .then().statusCode(201).extract().path("id");
        PackageContext into = new PackageContext(target, UUID.fromString(targetApp), "crm", "1.0.0");
        QuarkusTransaction.requiringNew().run(() -> section.importSection(into, exported));
        QuarkusTransaction.requiringNew().run(() -> section.importSection(into, exported));
        String targetRules = "/api/v1/workspaces/" + target + "/apps/" + targetApp + "/rules";
        admin.api().get(targetRules).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].name", equalTo("生日关怀"))
                .body("[0].publishedVersion", equalTo(1)).body("[0].enabled", equalTo(true));
        assertEquals(1L, count("select count(*) from job where type = 'rule.schedule' and workspace_id = ?1", target));

        // version 1.1 of the package changes the schedule: a new published version, same rule
        ((com.fasterxml.jackson.databind.node.ObjectNode) exported.get(0).get("definition").get("trigger")).put("cron", "0 10 * * *");
        QuarkusTransaction.requiringNew().run(() -> section.importSection(into, exported));
        admin.api().get(targetRules).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].publishedVersion", equalTo(2))
                .body("[0].trigger.cron", equalTo("0 10 * * *"));
    }

}
