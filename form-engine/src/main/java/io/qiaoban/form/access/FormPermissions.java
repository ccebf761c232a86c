package io.qiaoban.form.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.role.Permission;
import io.qiaoban.core.workspace.Membership;
import io.qiaoban.core.workspace.WorkspaceGuard;
import io.qiaoban.form.form.FormRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Decides a caller's {@link FormAccess} to a form: the role's workspace permissions (app.view to
 * see records, record.create/edit/delete to change them), narrowed by the form's own setting for the
 * role, if any (operations switched off, a row filter, hidden fields). A form setting can only take
 * away, never grant beyond the role.
 */
@ApplicationScoped
public class FormPermissions {
    private final AgroalDataSource db;
    private final WorkspaceGuard guard;
    private final ObjectMapper json;
    private final Clock clock;

    FormPermissions(AgroalDataSource db, WorkspaceGuard guard, ObjectMapper json, Clock clock) {
        this.db = db;
        this.guard = guard;
        this.json = json;
        this.clock = clock;
    }

    /** A role's setting for a form, as the permission editor shows it. */
    public record Setting(UUID roleId, boolean view, boolean create, boolean edit, boolean delete, JsonNode rowFilter,
            List<String> hiddenFields) {
    }

    /** The calling user's access; non-members get 404 from the guard, members without app.view 403. */
    public FormAccess forCaller(UUID workspaceId, UUID formId) throws SQLException {
        return of(guard.require(workspaceId, Permission.APP_VIEW), formId);
    }

    /** The access of a given user, for work done on their behalf; empty when they are not a member. */
    public Optional<FormAccess> forUser(UUID workspaceId, UUID formId, UUID userId) throws SQLException {
        if (userId == null) {
            return Optional.of(FormAccess.system());
        }
        Optional<Membership> membership = Membership.of(workspaceId, userId);
        if (membership.isEmpty() || !membership.get().role.allows(Permission.APP_VIEW)) {
            return Optional.empty();
        }
        return Optional.of(of(membership.get(), formId));
    }

    /** The access of a member whose app.view was just checked. */
    public FormAccess of(Membership membership, UUID formId) throws SQLException {
        return access(membership, setting(formId, membership.role.id));
    }

    /** A form of an app and the caller's access to it, read together: the one read a records request makes. */
    public record Targeted(FormRepository.Head head, FormAccess access) {
    }

    /**
     * The form and the role's setting for it, read in the same statement as the caller's membership
     * ({@link WorkspaceGuard#require(UUID, Permission, WorkspaceGuard.Joined)}): empty when the app has
     * no such form.
     */
    public WorkspaceGuard.Joined<Optional<Targeted>> target(UUID appId, UUID formId) {
        return new WorkspaceGuard.Joined<>() {
            @Override
            public String joins() {
                return """
                        left join form f on f.workspace_id = m.workspace_id and f.app_id = ? and f.id = ?
                        left join form_permission p on p.form_id = f.id and p.role_id = m.role_id""";
            }

            @Override
            public String columns() {
                return "f.id, f.key, f.draft ->> 'name', f.published_version, "
                        + "p.can_view, p.can_create, p.can_edit, p.can_delete, p.row_filter::text, p.hidden_fields::text, p.role_id";
            }

            @Override
            public int bind(PreparedStatement ps, int index) throws SQLException {
                ps.setObject(index, appId);
                ps.setObject(index + 1, formId);
                return index + 2;
            }

            @Override
            public Optional<Targeted> read(Membership membership, ResultSet rs, int from) throws SQLException {
                if (rs.getObject(from) == null) {
                    return Optional.empty();
                }
                FormRepository.Head head = new FormRepository.Head(formId, membership.workspaceId, appId,
                        rs.getString(from + 1), rs.getString(from + 2), rs.getObject(from + 3, Integer.class));
                Optional<Setting> setting = rs.getObject(from + 10) == null ? Optional.empty()
                        : Optional.of(setting(rs, from + 4, membership.role.id));
                return Optional.of(new Targeted(head, access(membership, setting)));
            }
        };
    }

    private static FormAccess access(Membership membership, Optional<Setting> setting) {
        boolean create = membership.role.allows(Permission.RECORD_CREATE);
        boolean edit = membership.role.allows(Permission.RECORD_EDIT);
        boolean delete = membership.role.allows(Permission.RECORD_DELETE);
        if (setting.isEmpty()) {
            return new FormAccess(membership.user.id, true, create, edit, delete, null, Set.of());
        }
        Setting s = setting.get();
        return new FormAccess(membership.user.id, s.view(), s.view() && create && s.create(), s.view() && edit && s.edit(),
                s.view() && delete && s.delete(), s.rowFilter(), Set.copyOf(s.hiddenFields()));
    }

    public Optional<Setting> setting(UUID formId, UUID roleId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select can_view, can_create, can_edit, can_delete, row_filter::text, hidden_fields::text
                  from form_permission where form_id = ? and role_id = ?""")) {
            ps.setObject(1, formId);
            ps.setObject(2, roleId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(setting(rs, 1, roleId)) : Optional.empty();
            }
        }
    }

    /** A setting from its six columns, the first at {@code from}. */
    private Setting setting(ResultSet rs, int from, UUID roleId) throws SQLException {
        try {
            String filter = rs.getString(from + 4);
            List<String> hidden = List.of(json.readValue(rs.getString(from + 5), String[].class));
            return new Setting(roleId, rs.getBoolean(from), rs.getBoolean(from + 1), rs.getBoolean(from + 2), rs.getBoolean(from + 3),
                    filter == null ? null : json.readTree(filter), hidden);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void save(UUID formId, Setting s) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into form_permission (form_id, role_id, can_view, can_create, can_edit, can_delete, row_filter,
                                             hidden_fields, updated_at)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)
                on conflict (form_id, role_id) do update set can_view = excluded.can_view, can_create = excluded.can_create,
                    can_edit = excluded.can_edit, can_delete = excluded.can_delete, row_filter = excluded.row_filter,
                    hidden_fields = excluded.hidden_fields, updated_at = excluded.updated_at""")) {
            ps.setObject(1, formId);
            ps.setObject(2, s.roleId());
            ps.setBoolean(3, s.view());
            ps.setBoolean(4, s.create());
            ps.setBoolean(5, s.edit());
            ps.setBoolean(6, s.delete());
            ps.setString(7, s.rowFilter() == null || s.rowFilter().isNull() ? null : s.rowFilter().toString());
            ps.setString(8, json.writeValueAsString(new HashSet<>(s.hiddenFields())));
            ps.setTimestamp(9, Timestamp.from(clock.instant()));
            ps.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void remove(UUID formId, UUID roleId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from form_permission where form_id = ? and role_id = ?")) {
            ps.setObject(1, formId);
            ps.setObject(2, roleId);
            ps.executeUpdate();
        }
    }

    /** 403 unless the access allows an operation. */
    public static void require(boolean allowed) {
        if (!allowed) {
            throw ProblemException.forbidden();
        }
    }
}
