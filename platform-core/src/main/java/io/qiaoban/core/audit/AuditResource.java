package io.qiaoban.core.audit;

import io.qiaoban.core.role.Permission;
import io.qiaoban.core.web.Page;
import io.qiaoban.core.workspace.WorkspaceGuard;
import io.quarkus.panache.common.Sort;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A workspace's audit log, for its members with audit.read. */
@Path("/v1/workspaces/{workspaceId}/audit")
public class AuditResource {
    public record AuditView(long id, Instant at, UUID actorId, String actorName, String type, UUID workspaceId,
            Map<String, Object> detail, String ip) {
        static AuditView of(AuditEntry e) {
            return new AuditView(e.id, e.at, e.actorId, e.actorName, e.type, e.workspaceId, e.detail, e.ip);
        }
    }

    private final WorkspaceGuard guard;

    AuditResource(WorkspaceGuard guard) {
        this.guard = guard;
    }

    @GET
    @Transactional
    public Page<AuditView> workspace(@PathParam("workspaceId") UUID workspaceId, @QueryParam("type") String type,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        guard.require(workspaceId, Permission.AUDIT_READ);
        Page.check(page, size);
        type = Page.typeFilter("type", type);
        var query = type == null || type.isBlank()
                ? AuditEntry.<AuditEntry>find("workspaceId", Sort.descending("at", "id"), workspaceId)
                : AuditEntry.<AuditEntry>find("from AuditEntry e where e.workspaceId = ?1 and e.type = ?2", Sort.descending("at", "id"), workspaceId, type);
        return new Page<>(query.page(page, size).list().stream().map(AuditView::of).toList(), query.count(), page, size);
    }
}
