package io.qiaoban.form.form;

import io.agroal.api.AgroalDataSource;
import io.qiaoban.form.schema.Storage;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * What the records of a form hold in one field, as publishing needs to know it: how many records fill
 * it (before a type change), whether values repeat (before it becomes unique), and the unique-value
 * rows that let the database refuse duplicates. Field keys are bind parameters here.
 */
@ApplicationScoped
public class FieldData {
    private final AgroalDataSource db;

    FieldData(AgroalDataSource db) {
        this.db = db;
    }

    /** The text under which a value is unique: numbers without trailing zeros (100 and 100.00 collide). */
    static String uniqueText(Storage storage) {
        return storage == Storage.NUMBER ? "trim_scale((data->>?)::numeric)::text" : "(data->>?)";
    }

    /** Records of the form, deleted ones included (they can be restored). */
    public long countRecords(UUID formId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from record where form_id = ?")) {
            ps.setObject(1, formId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Records holding a value under the key, those in the trash too: a restore brings them back as they were. */
    public long countWithValue(UUID formId, String key) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from record where form_id = ? and data -> ? is not null "
                        + "and data -> ? <> 'null'::jsonb")) {
            ps.setObject(1, formId);
            ps.setString(2, key);
            ps.setString(3, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public Optional<String> firstDuplicate(UUID formId, String key, Storage storage) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select v from (select " + uniqueText(storage) + " v from record where form_id = ? and deleted_at is null) x "
                        + "where v is not null group by v having count(*) > 1 limit 1")) {
            ps.setString(1, key);
            ps.setObject(2, formId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public void fillUniqueValues(UUID formId, String key, Storage storage) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into record_unique_value (form_id, field, value, record_id) "
                        + "select form_id, ?, v, id from (select form_id, id, " + uniqueText(storage) + " v from record "
                        + "where form_id = ? and deleted_at is null) x where v is not null")) {
            ps.setString(1, key);
            ps.setString(2, key);
            ps.setObject(3, formId);
            ps.executeUpdate();
        }
    }

    public void clearUniqueValues(UUID formId, String key) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from record_unique_value where form_id = ? and field = ?")) {
            ps.setObject(1, formId);
            ps.setString(2, key);
            ps.executeUpdate();
        }
    }
}
