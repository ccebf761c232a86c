package io.qiaoban.rule.api;

import io.qiaoban.core.testing.BadRequestCorpus;
import io.qiaoban.core.testing.Session;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bad-request corpus over the rule engine's application: expressions, actions, rules, run log. */
@QuarkusTest
class RuleBadRequestCorpusTest extends BadRequestCorpus {

    @Override
    protected Map<String, String> moreIds(Session admin, UUID workspaceId, String appId) {
        String rule = admin.api().body(Map.of("name", "corpus", "trigger", Map.of("type", "manual")))
                .post("/api/v1/workspaces/" + workspaceId + "/apps/" + appId + "/rules")
                .then().statusCode(201).extract().path("id");
        return Map.of("ruleId", rule);
    }

    @Test
    void badRunLogQueriesAreProblems() {
        List<String> failures = new ArrayList<>();
        String runs = "/api/v1/workspaces/" + ids.get("workspaceId") + "/apps/" + ids.get("appId") + "/rule-runs?";
        for (String query : List.of("outcome=NOPE", "limit=0", "limit=100000", "limit=abc", "before=garbage",
                "before=" + "A".repeat(500), "ruleId=not-a-uuid", "ruleId=" + UUID.randomUUID())) {
            check(failures, "rule-runs?" + query, admin.api().get(runs + query));
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
