package io.qiaoban.form.exports;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * An export of a view of a form's records (its filter, sort and columns) to a file, made by a job
 * with the access of the user who asked: their row filter and hidden fields apply. State: queued,
 * running, done (the file is kept for {@link ExportService#KEPT}), failed.
 */
public record RecordExport(UUID id, UUID workspaceId, UUID appId, UUID formId, String format, JsonNode request, String state,
        int progress, int exportedRows, Long totalRows, UUID fileId, String failureCode, UUID createdBy, Instant createdAt,
        Instant finishedAt) {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    public boolean finished() {
        return DONE.equals(state) || FAILED.equals(state);
    }
}
