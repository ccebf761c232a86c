package io.qiaoban.flow.api;

import io.qiaoban.core.testing.BadRequestCorpus;
import io.qiaoban.core.testing.Session;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;

/** The bad-request corpus over the flow engine's application: every flow route gets problems, never a 5xx. */
@QuarkusTest
class FlowBadRequestCorpusTest extends BadRequestCorpus {

    @Override
    protected Map<String, String> moreIds(Session admin, UUID workspaceId, String appId) {
        String flows = "/api/v1/workspaces/" + workspaceId + "/apps/" + appId + "/flows";
        String flow = admin.api().body(Map.of("kind", "journey", "name", "语料流程")).post(flows).then().statusCode(201)
                .extract().path("id");
        admin.api().post(flows + "/" + flow + "/publish").then().statusCode(200);
        return Map.of("flowId", flow, "version", "1");
    }
}
