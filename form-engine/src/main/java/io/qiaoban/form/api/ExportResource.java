package io.qiaoban.form.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.qiaoban.core.file.FileStore;
import io.qiaoban.core.file.StoredFile;
import io.qiaoban.core.problem.Messages;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.form.exports.ExportService;
import io.qiaoban.form.exports.RecordExport;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Exports of a view of a form's records: ask for one (the list's filter, sort and columns), follow
 * its progress, download the file. An export belongs to the user who asked for it.
 */
@Path("/v1/workspaces/{workspaceId}/apps/{appId}/forms/{formId}/exports")
public class ExportResource {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExportView(UUID id, String format, String state, int progress, int exportedRows, Long totalRows,
            String fileName, ImportResource.Failure failure, Instant createdAt, Instant finishedAt) {
    }

    public record ExportRequest(String format, JsonNode filter, String sort, List<String> fields) {
    }

    private final FormTargets targets;
    private final ExportService exports;
    private final FileStore files;

    ExportResource(FormTargets targets, ExportService exports, FileStore files) {
        this.targets = targets;
        this.exports = exports;
        this.files = files;
    }

    @Transactional(rollbackOn = Exception.class)
    @POST
    public Response start(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, ExportRequest body, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language)
            throws Exception {
        if (body == null) {
            throw ProblemException.invalid("", "required");
        }
        FormTargets.Target t = targets.viewable(workspaceId, appId, formId);
        JsonNode filter = body.filter() == null || body.filter().isNull() ? null : body.filter();
        RecordExport export = exports.start(t.form(), t.access(), body.format(),
                new ExportService.View(filter, body.sort(), body.fields()));
        return Response.accepted(view(export, null, Messages.fromAcceptLanguage(language))).build();
    }

    @Transactional(rollbackOn = Exception.class)
    @GET
    @Path("/{exportId}")
    public ExportView get(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, @PathParam("exportId") UUID exportId,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) throws Exception {
        FormTargets.Target t = targets.viewable(workspaceId, appId, formId);
        RecordExport export = exports.find(t.form(), t.access(), exportId);
        StoredFile file = export.fileId() == null ? null : files.find(workspaceId, export.fileId()).orElse(null);
        return view(export, file, Messages.fromAcceptLanguage(language));
    }

    /** The file, streamed from the database a chunk at a time. */
    @Transactional(rollbackOn = Exception.class)
    @GET
    @Path("/{exportId}/file")
    public Response file(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, @PathParam("exportId") UUID exportId) throws Exception {
        FormTargets.Target t = targets.viewable(workspaceId, appId, formId);
        RecordExport export = exports.find(t.form(), t.access(), exportId);
        StoredFile file = (export.fileId() == null ? java.util.Optional.<StoredFile>empty() : files.find(workspaceId, export.fileId()))
                .orElseThrow(() -> ProblemException.notFound("@thing.exportFile"));
        StreamingOutput body = out -> {
            try (InputStream in = files.open(file)) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, file.contentType()).header(HttpHeaders.CONTENT_LENGTH, file.sizeBytes())
                .header("Content-Disposition", "attachment; filename*=UTF-8''"
                        + URLEncoder.encode(file.name(), StandardCharsets.UTF_8).replace("+", "%20"))
                .build();
    }

    private static ExportView view(RecordExport e, StoredFile file, Locale locale) {
        ImportResource.Failure failure = e.failureCode() == null ? null
                : new ImportResource.Failure(e.failureCode(), Messages.text(locale, e.failureCode() + ".detail"));
        return new ExportView(e.id(), e.format(), e.state(), e.progress(), e.exportedRows(), e.totalRows(),
                file == null ? null : file.name(), failure, e.createdAt(), e.finishedAt());
    }
}
