package io.qiaoban.core.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reading and writing form records with the caller's permissions applied (row filters, hidden
 * fields, validation, formulas, events). form-engine implements it; flows, rules, reports and
 * connectors use it instead of touching record tables.
 */
public interface RecordAccess {
    /** A record of a form in a workspace, or empty when it does not exist or the caller may not see it. */
    Optional<RecordData> find(RecordScope scope, UUID recordId);

    /**
     * The keys of the fields the form's published version declares that the caller may see: a record
     * holds only the fields that have a value, and an expression reading an empty field must find it.
     */
    List<String> fieldKeys(RecordScope scope);

    /** Records matching a filter of the shared filter language ({"and": [{"field", "op", "value"}]}). */
    List<RecordData> query(RecordScope scope, JsonNode filter, int limit);

    /**
     * Every record matching a filter, a page at a time in a stable order: {@code cursor} is the previous
     * page's {@code nextCursor} (null for the first). For work over a whole form, however large.
     */
    RecordPage page(RecordScope scope, JsonNode filter, String cursor, int limit);

    RecordData create(RecordScope scope, ObjectNode data);

    /** Updates the given fields; {@code expectedVersion} guards against lost updates (null: no check). */
    RecordData update(RecordScope scope, UUID recordId, ObjectNode changes, Long expectedVersion);
}
