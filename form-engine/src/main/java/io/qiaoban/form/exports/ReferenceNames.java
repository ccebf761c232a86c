package io.qiaoban.form.exports;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.workspace.Membership;
import io.qiaoban.form.access.FormAccess;
import io.qiaoban.form.access.FormPermissions;
import io.qiaoban.form.form.FormRepository;
import io.qiaoban.form.form.PublishedForm;
import io.qiaoban.form.query.RecordQueries;
import io.qiaoban.form.record.StoredRecord;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FormSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Names for the ids that member, department and relation fields store, so that an export reads as
 * the grid does ("王芳", "销售部", "旗舰版") rather than as UUIDs. Resolved a page at a time, each
 * kind in one query; a related record is named only when it exists for the exporter and its title
 * field is not hidden from them (otherwise its id stays, as the grid would not name it either).
 */
final class ReferenceNames {
    private final AgroalDataSource db;
    private final UUID workspaceId;
    private final RecordQueries queries;
    /** per relation column: the form it points to, the exporter's access there and the field naming its records */
    private final Map<String, Target> targets = new HashMap<>();
    private final Map<UUID, String> names = new HashMap<>();

    private record Target(PublishedForm form, FormAccess access, String titleField) {
    }

    private ReferenceNames(AgroalDataSource db, UUID workspaceId, RecordQueries queries) {
        this.db = db;
        this.workspaceId = workspaceId;
        this.queries = queries;
    }

    /** Names for the reference columns of an export by {@code exporter}. */
    static ReferenceNames forColumns(AgroalDataSource db, FormRepository forms, FormPermissions permissions, RecordQueries queries,
            PublishedForm form, Membership exporter, List<FieldDefinition> columns) throws SQLException {
        ReferenceNames names = new ReferenceNames(db, form.workspaceId(), queries);
        for (FieldDefinition column : columns) {
            if (!"relation".equals(column.type())) {
                continue;
            }
            Optional<PublishedForm> target = forms.publishedByKey(form.workspaceId(), form.appId(), column.option("form").asText());
            if (target.isEmpty()) {
                continue;
            }
            FormAccess access = permissions.of(exporter, target.get().formId());
            Optional<FieldDefinition> title = FormSettings.titleFieldOf(target.get().schema())
                    .filter(f -> !access.hiddenFields().contains(f.key()));
            if (access.view() && title.isPresent()) {
                names.targets.put(column.key(), new Target(target.get(), access, title.get().key()));
            }
        }
        return names;
    }

    static boolean isReference(FieldDefinition field) {
        return switch (field.type()) {
            case "member", "department", "relation" -> true;
            default -> false;
        };
    }

    /** Looks up the names the ids of this page's reference columns need (the previous page's are dropped). */
    void load(List<FieldDefinition> columns, List<StoredRecord> page) throws SQLException {
        names.clear();
        Set<UUID> users = new HashSet<>();
        Set<UUID> departments = new HashSet<>();
        Map<String, Set<UUID>> related = new HashMap<>();
        for (FieldDefinition column : columns) {
            if (!isReference(column)) {
                continue;
            }
            Set<UUID> into = switch (column.type()) {
                case "member" -> users;
                case "department" -> departments;
                default -> targets.containsKey(column.key()) ? related.computeIfAbsent(column.key(), k -> new HashSet<>()) : null;
            };
            if (into == null) {
                continue;
            }
            for (StoredRecord record : page) {
                ids(record.data().get(column.key()), into);
            }
        }
        names.putAll(lookup("""
                select u.id, u.display_name from app_user u
                  join membership m on m.user_id = u.id and m.workspace_id = ?
                 where u.id = any (?)""", users));
        names.putAll(lookup("select id, name from department where workspace_id = ? and id = any (?)", departments));
        for (Map.Entry<String, Set<UUID>> column : related.entrySet()) {
            Target target = targets.get(column.getKey());
            names.putAll(queries.titles(target.form(), target.access(), target.titleField(), column.getValue()));
        }
    }

    /** The cell of a reference value: its names, in the stored order, joined as the UI joins them. */
    String text(JsonNode value) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : value.isArray() ? value : List.of(value)) {
            String id = item.asText();
            out.add(parse(id).map(names::get).orElse(id));
        }
        return String.join(", ", out.stream().map(n -> n == null ? "" : n).toList());
    }

    private static void ids(JsonNode value, Set<UUID> into) {
        if (value == null || value.isNull()) {
            return;
        }
        for (JsonNode item : value.isArray() ? value : List.of(value)) {
            parse(item.asText()).ifPresent(into::add);
        }
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Map<UUID, String> lookup(String sql, Collection<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return Map.of();
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, workspaceId);
            ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            Map<UUID, String> found = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getObject(1, UUID.class), rs.getString(2));
                }
            }
            return found;
        }
    }
}
