package io.qiaoban.form.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * An import of a file into a form's records, from upload to its end. State: uploaded (columns read,
 * waiting for the user's mapping), queued, running, done (every good row is in) or failed (nothing
 * is in; {@code failureCode} says why, the error report which rows).
 */
public record RecordImport(UUID id, UUID workspaceId, UUID appId, UUID formId, UUID fileId, String fileName, String format,
        String encoding, JsonNode columns, JsonNode mapping, ImportOptions options, String state, int progress,
        int processedRows, int importedRows, int errorRows, String failureCode, JsonNode failureArgs, UUID createdBy,
        Instant createdAt, Instant startedAt, Instant finishedAt) {

    public static final String UPLOADED = "uploaded";
    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    public boolean finished() {
        return DONE.equals(state) || FAILED.equals(state);
    }
}
