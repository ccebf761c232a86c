package io.qiaoban.flow.message;

import io.qiaoban.core.audit.AuditService;
import io.qiaoban.core.role.Permission;
import io.qiaoban.core.validation.Check;
import io.qiaoban.core.workspace.WorkspaceGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The message log as operators see it, and opt-outs (退订): a customer who opted out gets no marketing
 * message from any flow until they opt in again. Reading needs app.view, opting out app.manage; both
 * opt-out changes are audited.
 */
@ApplicationScoped
public class MessageService {
    public static final int MAX_PAGE = 500;

    private final WorkspaceGuard guard;
    private final MessageLog log;
    private final AuditService audit;
    private final Clock clock;

    MessageService(WorkspaceGuard guard, MessageLog log, AuditService audit, Clock clock) {
        this.guard = guard;
        this.log = log;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(rollbackOn = Exception.class)
    public List<MessageLog.Message> latest(UUID workspaceId, String recipient, int limit) throws Exception {
        // recipients and bodies carry customers' data, whatever a reader's role may see of their records
        guard.require(workspaceId, Permission.MESSAGE_READ);
        return log.latest(workspaceId, recipient == null || recipient.isBlank() ? null : recipient.trim(),
                Math.max(1, Math.min(limit, MAX_PAGE)));
    }

    /** Who unsubscribed, newest first; {@code containing} narrows by part of the recipient (a phone's last digits). */
    @Transactional(rollbackOn = Exception.class)
    public List<MessageLog.OptOut> optOuts(UUID workspaceId, String containing, int limit) throws Exception {
        guard.require(workspaceId, Permission.MESSAGE_READ);
        return log.optOuts(workspaceId, containing == null || containing.isBlank() ? null : containing.trim(),
                Math.max(1, Math.min(limit, MAX_PAGE)));
    }

    @Transactional(rollbackOn = Exception.class)
    public void optOut(UUID workspaceId, String recipient) throws Exception {
        guard.require(workspaceId, Permission.APP_MANAGE);
        String who = Check.name("recipient", recipient, 200);
        log.optOut(workspaceId, who, clock.instant());
        audit.record("message.opted-out", workspaceId, Map.of("recipient", who));
    }

    @Transactional(rollbackOn = Exception.class)
    public void optIn(UUID workspaceId, String recipient) throws Exception {
        guard.require(workspaceId, Permission.APP_MANAGE);
        String who = Check.name("recipient", recipient, 200);
        if (log.optIn(workspaceId, who)) {
            audit.record("message.opted-in", workspaceId, Map.of("recipient", who));
        }
    }
}
