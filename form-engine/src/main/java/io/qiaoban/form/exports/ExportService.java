package io.qiaoban.form.exports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.core.job.JobQueue;
import io.qiaoban.core.job.NewJob;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.form.access.FormAccess;
import io.qiaoban.form.form.PublishedForm;
import io.qiaoban.form.query.RecordQueries;
import io.qiaoban.form.schema.FieldDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Starting and finding exports. The view is checked when the export is asked for (a bad filter, sort
 * or column is a 400 now, not a failed job later); the job then writes the file.
 */
@ApplicationScoped
public class ExportService {
    /** How long a finished export's file can be downloaded. */
    static final Duration KEPT = Duration.ofDays(7);
    static final Set<String> FORMATS = Set.of("csv", "xlsx");

    private final ExportRepository exports;
    private final RecordQueries queries;
    private final JobQueue jobs;
    private final Clock clock;

    ExportService(ExportRepository exports, RecordQueries queries, JobQueue jobs, Clock clock) {
        this.exports = exports;
        this.queries = queries;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** The view to export, as the records list takes it. */
    public record View(JsonNode filter, String sort, List<String> fields) {
    }

    public RecordExport start(PublishedForm form, FormAccess access, String format, View view) throws SQLException {
        if (format == null || !FORMATS.contains(format)) {
            throw ProblemException.invalid("format", "export.format");
        }
        List<String> fields = fields(form, access, view.fields());
        // a filter or sort the list cannot take is refused now, not in the job
        queries.checkView(form, access, view.filter(), view.sort());
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.set("filter", view.filter());
        request.put("sort", view.sort());
        ArrayNode keys = request.putArray("fields");
        fields.forEach(keys::add);
        RecordExport export = new RecordExport(UUID.randomUUID(), form.workspaceId(), form.appId(), form.formId(), format,
                request, RecordExport.QUEUED, 0, 0, null, null, null, access.userId(), clock.instant(), null);
        exports.insert(export);
        jobs.enqueue(NewJob.of(RecordExportJobHandler.TYPE, JsonNodeFactory.instance.objectNode()
                .put("export", export.id().toString())).inWorkspace(form.workspaceId()).attempts(3));
        return export;
    }

    /** An export is its requester's alone: their access made it. */
    public RecordExport find(PublishedForm form, FormAccess access, UUID id) throws SQLException {
        return exports.find(form.workspaceId(), id).filter(e -> e.formId().equals(form.formId()))
                .filter(e -> e.createdBy().equals(access.userId()))
                .orElseThrow(() -> ProblemException.notFound("@thing.export"));
    }

    /** The columns asked for, or every field the caller sees; hidden and unknown ones are refused. */
    private static List<String> fields(PublishedForm form, FormAccess access, List<String> asked) {
        if (asked == null || asked.isEmpty()) {
            return form.schema().fields().stream().map(FieldDefinition::key)
                    .filter(k -> !access.hiddenFields().contains(k)).toList();
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            String key = asked.get(i);
            if (key == null || form.schema().field(key).isEmpty() || access.hiddenFields().contains(key)) {
                errors.add(FieldError.of("fields[" + i + "]", "form.value.unknownField"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", errors);
        }
        return List.copyOf(asked);
    }
}
