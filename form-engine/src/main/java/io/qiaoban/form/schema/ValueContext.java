package io.qiaoban.form.schema;

import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What field types need to know beyond the value: the workspace's time zone, who its members are,
 * which departments and records exist. The record service answers from the database; unit tests from memory.
 */
public interface ValueContext {
    ZoneId zone();

    /** The given users that are members of the workspace. */
    Set<UUID> members(Collection<UUID> userIds);

    /** The given ids that are departments of the workspace. */
    default Set<UUID> departments(Collection<UUID> departmentIds) {
        return Set.of();
    }

    /** The given ids that are live records of the form with this key, in the same app. */
    Set<UUID> records(String formKey, Collection<UUID> ids);

    /** An uploaded file as field types see it: what the server detected, not what a client claims. */
    record FileInfo(UUID id, String name, long size, String contentType, UUID uploadedBy, String heldBy) {
        /** Uploaded and not yet held by any record. */
        public boolean pending() {
            return heldBy == null;
        }
    }

    /** The given files of the workspace that were uploaded for records; unknown ones are absent. */
    default Map<UUID, FileInfo> files(Collection<UUID> ids) {
        return Map.of();
    }

    /** Who is writing (null: the system), and the record being written (its id is known before it is stored). */
    default UUID userId() {
        return null;
    }

    default UUID recordId() {
        return null;
    }

    /** A context that knows no member and no record: for defaults, checked without data. */
    static ValueContext of(ZoneId zone) {
        return new ValueContext() {
            @Override
            public ZoneId zone() {
                return zone;
            }

            @Override
            public Set<UUID> members(Collection<UUID> userIds) {
                return Set.of();
            }

            @Override
            public Set<UUID> records(String formKey, Collection<UUID> ids) {
                return Set.of();
            }
        };
    }
}
