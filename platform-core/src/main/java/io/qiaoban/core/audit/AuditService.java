package io.qiaoban.core.audit;

import io.qiaoban.core.auth.Caller;
import io.qiaoban.core.auth.CurrentCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the audit log. Joins the caller's transaction, so an audited change and its entry commit
 * or roll back together.
 */
@ApplicationScoped
public class AuditService {
    private final CurrentCaller current;
    private final Clock clock;

    AuditService(CurrentCaller current, Clock clock) {
        this.current = current;
        this.clock = clock;
    }

    @Transactional
    public void record(String type, UUID workspaceId, Map<String, ?> detail) {
        Caller caller = callerOrNull();
        record(type, workspaceId, caller == null ? null : caller.id(), caller == null ? null : caller.username(), detail);
    }

    @Transactional
    public void record(String type, UUID workspaceId, UUID actorId, String actorName, Map<String, ?> detail) {
        AuditEntry entry = new AuditEntry();
        entry.at = clock.instant();
        entry.type = type;
        entry.workspaceId = workspaceId;
        entry.actorId = actorId;
        entry.actorName = actorName;
        entry.detail = new LinkedHashMap<>(detail);
        entry.ip = ipOrNull();
        entry.persist();
    }

    // jobs and start-up write audit entries outside of any request
    private Caller callerOrNull() {
        try {
            return current.find().orElse(null);
        } catch (ContextNotActiveException outsideRequest) {
            return null;
        }
    }

    private String ipOrNull() {
        try {
            return current.ip();
        } catch (ContextNotActiveException outsideRequest) {
            return null;
        }
    }
}
