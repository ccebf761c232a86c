package io.qiaoban.core.app;

import io.qiaoban.core.audit.AuditService;
import io.qiaoban.core.event.DomainEvent;
import io.qiaoban.core.event.DomainEvents;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.role.Permission;
import io.qiaoban.core.validation.Check;
import io.qiaoban.core.workspace.WorkspaceGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The apps of a workspace. Each change is audited and published as a domain event. */
@ApplicationScoped
public class AppService {
    private final WorkspaceGuard guard;
    private final AuditService audit;
    private final DomainEvents events;
    private final Clock clock;

    AppService(WorkspaceGuard guard, AuditService audit, DomainEvents events, Clock clock) {
        this.guard = guard;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public List<App> list(UUID workspaceId) {
        guard.require(workspaceId, Permission.APP_VIEW);
        return App.list("workspaceId = ?1 order by createdAt", workspaceId);
    }

    @Transactional
    public App get(UUID workspaceId, UUID appId) {
        guard.require(workspaceId, Permission.APP_VIEW);
        return find(workspaceId, appId);
    }

    @Transactional
    public App create(UUID workspaceId, String name, String description) {
        guard.require(workspaceId, Permission.APP_MANAGE);
        Instant now = clock.instant();
        App app = new App();
        app.id = UUID.randomUUID();
        app.workspaceId = workspaceId;
        app.name = uniqueName(workspaceId, null, name);
        app.description = Check.optional("description", description, 500);
        app.createdBy = guard.caller().id();
        app.createdAt = now;
        app.updatedAt = now;
        app.persist();
        audit.record("app.created", workspaceId, Map.of("app", app.name));
        events.publish(new DomainEvent(workspaceId, "app.created", app.id.toString(), Map.of("name", app.name)));
        return app;
    }

    @Transactional
    public App update(UUID workspaceId, UUID appId, String name, String description) {
        guard.require(workspaceId, Permission.APP_MANAGE);
        App app = find(workspaceId, appId);
        String before = app.name;
        if (name != null) {
            app.name = uniqueName(workspaceId, appId, name);
        }
        if (description != null) {
            app.description = Check.optional("description", description, 500);
        }
        app.updatedAt = clock.instant();
        audit.record("app.updated", workspaceId, Map.of("from", before, "to", app.name));
        events.publish(new DomainEvent(workspaceId, "app.updated", app.id.toString(), Map.of("name", app.name)));
        return app;
    }

    @Transactional
    public void delete(UUID workspaceId, UUID appId) {
        guard.require(workspaceId, Permission.APP_MANAGE);
        App app = find(workspaceId, appId);
        audit.record("app.deleted", workspaceId, Map.of("app", app.name));
        events.publish(new DomainEvent(workspaceId, "app.deleted", app.id.toString(), Map.of("name", app.name)));
        app.delete();
    }

    private static App find(UUID workspaceId, UUID appId) {
        return App.<App>find("id = ?1 and workspaceId = ?2", appId, workspaceId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("@thing.app"));
    }

    private static String uniqueName(UUID workspaceId, UUID appId, String name) {
        String checked = Check.name("name", name, 100);
        long clash = App.count("workspaceId = ?1 and lower(name) = lower(?2) and id <> ?3", workspaceId, checked,
                appId == null ? new UUID(0, 0) : appId);
        if (clash > 0) {
            throw new ProblemException(409, "name-taken", List.of(new FieldError("name", "name-taken", null)), checked);
        }
        return checked;
    }
}
