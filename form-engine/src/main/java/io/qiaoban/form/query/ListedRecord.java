package io.qiaoban.form.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * A record of a list as its reader may see it, written out as the API's record: {@code data} is the
 * JSON text PostgreSQL produced (hidden fields already removed), inlined without being parsed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListedRecord(UUID id, int formVersion, long version, @JsonRawValue String data, UUID createdBy,
        Instant createdAt, UUID updatedBy, Instant updatedAt, Instant deletedAt) {

    /** A row of a record's columns (id, workspace, form, form version, data, version, created..., deleted). */
    static ListedRecord read(ResultSet rs) throws SQLException {
        Timestamp deleted = rs.getTimestamp(11);
        return new ListedRecord(rs.getObject(1, UUID.class), rs.getInt(4), rs.getLong(6), rs.getString(5),
                rs.getObject(7, UUID.class), rs.getTimestamp(8).toInstant(), rs.getObject(9, UUID.class),
                rs.getTimestamp(10).toInstant(), deleted == null ? null : deleted.toInstant());
    }
}
