package io.qiaoban.form.form;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.agroal.api.AgroalDataSource;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FormSchema;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** SQL for forms and their published versions; every query is scoped to a workspace. */
@ApplicationScoped
public class FormRepository {
    private static final String COLUMNS = "id, workspace_id, app_id, key, draft::text, draft_version, published_version, "
            + "published_draft_version, updated_at";

    /** Published versions never change, so they are cached for good (bounded). */
    private final Cache<String, PublishedForm> published = Caffeine.newBuilder().maximumSize(5_000).build();
    private final AgroalDataSource db;
    private final ObjectMapper json;

    FormRepository(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** A version published at a given time, for the version list. */
    public record Version(int version, Instant publishedAt, UUID publishedBy, int fieldCount) {
    }

    public void insert(StoredForm form, UUID by, Instant at) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into form (id, workspace_id, app_id, key, name, draft, draft_version, created_by, created_at,
                                  updated_by, updated_at)
                values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, form.id());
            ps.setObject(2, form.workspaceId());
            ps.setObject(3, form.appId());
            ps.setString(4, form.key());
            ps.setString(5, form.draft().name());
            ps.setString(6, write(form.draft()));
            ps.setInt(7, form.draftVersion());
            ps.setObject(8, by);
            ps.setTimestamp(9, Timestamp.from(at));
            ps.setObject(10, by);
            ps.setTimestamp(11, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    public Optional<StoredForm> find(UUID workspaceId, UUID appId, UUID formId, boolean forUpdate) throws SQLException {
        return one("select " + COLUMNS + " from form where workspace_id = ? and app_id = ? and id = ?"
                + (forUpdate ? " for update" : ""), workspaceId, appId, formId);
    }

    public Optional<StoredForm> findByKey(UUID workspaceId, UUID appId, String key) throws SQLException {
        return one("select " + COLUMNS + " from form where workspace_id = ? and app_id = ? and key = ?", workspaceId, appId, key);
    }

    public Optional<StoredForm> findById(UUID workspaceId, UUID formId) throws SQLException {
        return one("select " + COLUMNS + " from form where workspace_id = ? and id = ?", workspaceId, formId);
    }

    public List<StoredForm> list(UUID workspaceId, UUID appId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select " + COLUMNS + " from form where workspace_id = ? and app_id = ? order by created_at, key")) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, appId);
            List<StoredForm> forms = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    forms.add(read(rs));
                }
            }
            return forms;
        }
    }

    public boolean updateDraft(UUID workspaceId, UUID formId, int expectedVersion, String key, FormSchema draft, UUID by,
            Instant at) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update form set key = ?, name = ?, draft = ?::jsonb, draft_version = draft_version + 1, updated_by = ?,
                       updated_at = ?
                 where workspace_id = ? and id = ? and draft_version = ?""")) {
            ps.setString(1, key);
            ps.setString(2, draft.name());
            ps.setString(3, write(draft));
            ps.setObject(4, by);
            ps.setTimestamp(5, Timestamp.from(at));
            ps.setObject(6, workspaceId);
            ps.setObject(7, formId);
            ps.setInt(8, expectedVersion);
            return ps.executeUpdate() == 1;
        }
    }

    public void publish(StoredForm form, int version, UUID by, Instant at) throws SQLException {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into form_version (form_id, version, schema, published_by, published_at) values (?, ?, ?::jsonb, ?, ?)")) {
                ps.setObject(1, form.id());
                ps.setInt(2, version);
                ps.setString(3, write(form.draft()));
                ps.setObject(4, by);
                ps.setTimestamp(5, Timestamp.from(at));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "update form set published_version = ?, published_draft_version = ?, updated_at = ? where workspace_id = ? and id = ?")) {
                ps.setInt(1, version);
                ps.setInt(2, form.draftVersion());
                ps.setTimestamp(3, Timestamp.from(at));
                ps.setObject(4, form.workspaceId());
                ps.setObject(5, form.id());
                ps.executeUpdate();
            }
        }
    }

    /** A published version; cached, since it never changes. */
    /** What a records request needs of a form before its published version: not the draft, which it would parse. */
    public record Head(UUID id, UUID workspaceId, UUID appId, String key, String name, Integer publishedVersion) {
    }

    public Optional<Head> head(UUID workspaceId, UUID appId, UUID formId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select key, draft ->> 'name', published_version from form where workspace_id = ? and app_id = ? and id = ?")) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, appId);
            ps.setObject(3, formId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Head(formId, workspaceId, appId, rs.getString(1), rs.getString(2),
                        rs.getObject(3, Integer.class))) : Optional.empty();
            }
        }
    }

    public Optional<PublishedForm> published(Head head) throws SQLException {
        return published(head.id(), head.workspaceId(), head.appId(), head.key(), head.publishedVersion());
    }

    public Optional<PublishedForm> published(StoredForm form, int version) throws SQLException {
        return published(form.id(), form.workspaceId(), form.appId(), form.key(), version);
    }

    private Optional<PublishedForm> published(UUID formId, UUID workspaceId, UUID appId, String key, int version)
            throws SQLException {
        String cacheKey = formId + ":" + version;
        PublishedForm cached = published.getIfPresent(cacheKey);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select schema::text from form_version where form_id = ? and version = ?")) {
            ps.setObject(1, formId);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                PublishedForm p = new PublishedForm(formId, workspaceId, appId, key, version,
                        read(rs.getString(1)));
                published.put(cacheKey, p);
                return Optional.of(p);
            }
        }
    }

    /** The published version in force of the form, if it has one. */
    public Optional<PublishedForm> publishedById(UUID workspaceId, UUID formId) throws SQLException {
        Optional<StoredForm> form = findById(workspaceId, formId);
        if (form.isEmpty() || !form.get().published()) {
            return Optional.empty();
        }
        return published(form.get(), form.get().publishedVersion());
    }

    /** The published version in force of the form with this key in the app, if any. */
    public Optional<PublishedForm> publishedByKey(UUID workspaceId, UUID appId, String key) throws SQLException {
        Optional<StoredForm> form = findByKey(workspaceId, appId, key);
        if (form.isEmpty() || !form.get().published()) {
            return Optional.empty();
        }
        return published(form.get(), form.get().publishedVersion());
    }

    public List<Version> versions(UUID formId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select version, published_at, published_by, jsonb_array_length(coalesce(schema->'fields', '[]'::jsonb))
                  from form_version where form_id = ? order by version desc""")) {
            ps.setObject(1, formId);
            List<Version> versions = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.add(new Version(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getObject(3, UUID.class), rs.getInt(4)));
                }
            }
            return versions;
        }
    }

    /**
     * Each field key ever published in the form, as the latest version holding it defined it: the type
     * the values stored under that key were written with, even when a later version removed the field.
     */
    public Map<String, FieldDefinition> lastPublishedFields(UUID formId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select distinct on (f ->> 'key') f::text
                  from form_version v, jsonb_array_elements(v.schema -> 'fields') f
                 where v.form_id = ? order by f ->> 'key', v.version desc""")) {
            ps.setObject(1, formId);
            Map<String, FieldDefinition> fields = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    FieldDefinition field = json.readValue(rs.getString(1), FieldDefinition.class);
                    fields.put(field.key(), field);
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A stored form schema is unreadable", e);
            }
            return fields;
        }
    }

    public boolean delete(UUID workspaceId, UUID appId, UUID formId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from form where workspace_id = ? and app_id = ? and id = ?")) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, appId);
            ps.setObject(3, formId);
            return ps.executeUpdate() == 1;
        }
    }

    private Optional<StoredForm> one(String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private StoredForm read(ResultSet rs) throws SQLException {
        return new StoredForm(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getString(4), read(rs.getString(5)), rs.getInt(6), rs.getObject(7, Integer.class),
                rs.getObject(8, Integer.class), rs.getTimestamp(9).toInstant());
    }

    private FormSchema read(String text) {
        try {
            return json.readValue(text, FormSchema.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored form schema is unreadable", e);
        }
    }

    private String write(FormSchema schema) {
        try {
            return json.writeValueAsString(schema);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
