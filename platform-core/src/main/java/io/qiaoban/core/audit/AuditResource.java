package io.qiaoban.core.audit;

import io.qiaoban.core.auth.CurrentCaller;
import io.qiaoban.core.problem.ProblemException;
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

/** The audit log: a workspace's own entries for its auditors, platform entries for platform admins. */
@Path("/api/v1")
public class AuditResource {
    public record AuditView(long id, Instant at, UUID actorId, String actorName, String type, UUID workspaceId,
            Map<String, Object> detail, String ip) {
        static AuditView of(AuditEntry e) {
            return new AuditView(e.id, e.at, e.actorId, e.actorName, e.type, e.workspaceId, e.detail, e.ip);
        }
    }

    private final WorkspaceGuard guard;
    private final CurrentCaller current;

    AuditResource(WorkspaceGuard guard, CurrentCaller current) {
        this.guard = guard;
        this.current = current;
    }

    @GET
    @Path("/workspaces/{workspaceId}/audit")
    @Transactional
    public Page<AuditView> workspace(@PathParam("workspaceId") UUID workspaceId, @QueryParam("type") String type,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        guard.require(workspaceId, Permission.AUDIT_READ);
        Page.check(page, size);
        var query = type == null || type.isBlank()
                ? AuditEntry.<AuditEntry>find("workspaceId", Sort.descending("at", "id"), workspaceId)
                : AuditEntry.<AuditEntry>find("workspaceId = ?1 and type = ?2", Sort.descending("at", "id"), workspaceId, type);
        return new Page<>(query.page(page, size).list().stream().map(AuditView::of).toList(), query.count(), page, size);
    }

    @GET
    @Path("/admin/audit")
    @Transactional
    public Page<AuditView> platform(@QueryParam("type") String type, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        if (!current.get().platformAdmin()) {
            throw new ProblemException(404, "route-not-found");
        }
        Page.check(page, size);
        var query = type == null || type.isBlank()
                ? AuditEntry.<AuditEntry>find("workspaceId is null", Sort.descending("at", "id"))
                : AuditEntry.<AuditEntry>find("workspaceId is null and type = ?1", Sort.descending("at", "id"), type);
        return new Page<>(query.page(page, size).list().stream().map(AuditView::of).toList(), query.count(), page, size);
    }
}
