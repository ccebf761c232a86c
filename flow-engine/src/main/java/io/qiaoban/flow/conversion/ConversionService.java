package io.qiaoban.flow.conversion;

import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.role.Permission;
import io.qiaoban.core.workspace.WorkspaceGuard;
import io.qiaoban.flow.definition.FlowRepository;
import io.qiaoban.flow.definition.StoredFlow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

/** The conversion report of a flow, for those who may see its app. */
@ApplicationScoped
public class ConversionService {
    private final WorkspaceGuard guard;
    private final FlowRepository flows;
    private final ConversionRepository counts;

    ConversionService(WorkspaceGuard guard, FlowRepository flows, ConversionRepository counts) {
        this.guard = guard;
        this.flows = flows;
        this.counts = counts;
    }

    @Transactional(rollbackOn = Exception.class)
    public Conversion of(UUID workspaceId, UUID appId, UUID flowId) throws Exception {
        guard.require(workspaceId, Permission.APP_VIEW);
        StoredFlow flow = flows.find(workspaceId, appId, flowId, false).orElseThrow(() -> ProblemException.notFound("@thing.flow"));
        Optional<FlowRepository.Published> published = flows.published(workspaceId, appId, flowId);
        return new Conversion(published.isPresent() ? published.get().graph().goal() : flow.draft().goal(),
                counts.byVersion(workspaceId, flowId), counts.byVariant(workspaceId, flowId));
    }
}
