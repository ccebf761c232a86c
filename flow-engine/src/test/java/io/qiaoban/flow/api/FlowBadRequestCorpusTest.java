package io.qiaoban.flow.api;

import io.qiaoban.core.testing.BadRequestCorpus;
import io.qiaoban.core.testing.Session;
import io.qiaoban.flow.testing.FlowApp;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;

/** The bad-request corpus over the flow engine's application: every flow route gets problems, never a 5xx. */
@QuarkusTest
class FlowBadRequestCorpusTest extends BadRequestCorpus {

    /** Form and rule routes (here because conditions and record actions need those engines) are their own corpus's. */
    @Override
    protected boolean walks(String path) {
        return !path.matches(".*\\{(formId|ruleId|recordId|viewId|importId|exportId|fileId)}.*");
    }

    @Override
    protected Map<String, String> moreIds(Session admin, UUID workspaceId, String appId) {
        String flows = "/api/v1/workspaces/" + workspaceId + "/apps/" + appId + "/flows";
        String flow = admin.api().body(Map.of("kind", "journey", "name", "语料流程")).post(flows).then().statusCode(201)
                .extract().path("id");
        admin.api().post(flows + "/" + flow + "/publish").then().statusCode(200);
        FlowApp.Waiting waiting = FlowApp.approvalWaitingFor(admin, workspaceId, appId, admin);
        return Map.of("flowId", flow, "version", "1", "instanceId", waiting.instanceId(), "taskId", waiting.taskId());
    }
}
