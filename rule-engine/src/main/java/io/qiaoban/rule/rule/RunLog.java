package io.qiaoban.rule.rule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.UUID;

/** Writes run-log entries; a failed run is written in its own transaction, since the run's own rolls back. */
@ApplicationScoped
public class RunLog {
    private final RuleRepository rules;

    RunLog(RuleRepository rules) {
        this.rules = rules;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID workspaceId, UUID appId, RuleRun run) throws SQLException {
        rules.insertRun(workspaceId, appId, run);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(UUID workspaceId, UUID appId, RuleRun run) throws SQLException {
        rules.insertRun(workspaceId, appId, run);
    }
}
