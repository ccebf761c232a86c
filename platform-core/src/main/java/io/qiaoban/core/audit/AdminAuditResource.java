package io.qiaoban.core.audit;

import io.qiaoban.core.auth.CurrentCaller;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.web.Page;
import io.quarkus.panache.common.Sort;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/** Platform-level entries (logins, users, jobs) for platform admins; nobody else knows it exists. */
@Path("/v1/admin/audit")
public class AdminAuditResource {
    private final CurrentCaller current;

    AdminAuditResource(CurrentCaller current) {
        this.current = current;
    }

    @GET
    @Transactional
    public Page<AuditResource.AuditView> platform(@QueryParam("type") String type,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        if (!current.get().platformAdmin()) {
            throw new ProblemException(404, "route-not-found");
        }
        Page.check(page, size);
        type = Page.typeFilter("type", type);
        var query = type == null || type.isBlank()
                ? AuditEntry.<AuditEntry>find("workspaceId is null", Sort.descending("at", "id"))
                : AuditEntry.<AuditEntry>find("from AuditEntry e where e.workspaceId is null and e.type = ?1",
                        Sort.descending("at", "id"), type);
        return new Page<>(query.page(page, size).list().stream().map(AuditResource.AuditView::of).toList(), query.count(),
                page, size);
    }
}
