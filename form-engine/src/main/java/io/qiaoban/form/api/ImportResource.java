package io.qiaoban.form.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.qiaoban.core.auth.SessionFilter;
import io.qiaoban.core.problem.Messages;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.form.exports.CellText;
import io.qiaoban.form.imports.ImportOptions;
import io.qiaoban.form.imports.ImportRepository;
import io.qiaoban.form.imports.ImportService;
import io.qiaoban.form.imports.RecordImport;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Imports into a form's records: upload a CSV or XLSX (multipart, with {@link SessionFilter#UPLOAD_HEADER}), start it
 * with a column mapping, follow its progress, download its error report. Only the user who started
 * an import (or one who may delete records) sees it.
 */
@Path("/v1/workspaces/{workspaceId}/apps/{appId}/forms/{formId}/imports")
public class ImportResource {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImportView(UUID id, String fileName, String format, String encoding, JsonNode columns, JsonNode mapping,
            boolean skipBadRows, boolean recordEvents, String state, int progress, int processedRows, int importedRows,
            int errorRows, Failure failure, Instant createdAt, Instant startedAt, Instant finishedAt) {
    }

    public record Failure(String code, String message) {
    }

    public record StartRequest(JsonNode mapping, Boolean skipBadRows, Boolean recordEvents) {
    }

    private final FormTargets targets;
    private final ImportService imports;
    private final ImportRepository rows;

    ImportResource(FormTargets targets, ImportService imports, ImportRepository rows) {
        this.targets = targets;
        this.imports = imports;
        this.rows = rows;
    }

    @Transactional(rollbackOn = Exception.class)
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, @RestForm("file") FileUpload file,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) throws Exception {
        FormTargets.Target t = targets.viewable(workspaceId, appId, formId);
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.invalid("file", "required");
        }
        RecordImport created = imports.upload(t.form(), t.access(), fileName(file.fileName()), file.uploadedFile());
        return Response.status(201).entity(view(created, Messages.fromAcceptLanguage(language))).build();
    }

    @Transactional(rollbackOn = Exception.class)
    @GET
    public List<ImportView> recent(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) throws Exception {
        FormTargets.Target t = targets.viewable(workspaceId, appId, formId);
        Locale locale = Messages.fromAcceptLanguage(language);
        return imports.recent(t.form(), t.access()).stream().map(i -> view(i, locale)).toList();
    }

    @Transactional(rollbackOn = Exception.class)
    @GET
    @Path("/{importId}")
    public ImportView get(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, @PathParam("importId") UUID importId,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) throws Exception {
        FormTargets.Target t = targets.viewable(workspaceId, appId, formId);
        return view(imports.find(t.form(), t.access(), importId, false), Messages.fromAcceptLanguage(language));
    }

    @Transactional(rollbackOn = Exception.class)
    @POST
    @Path("/{importId}/start")
    public Response start(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, @PathParam("importId") UUID importId, StartRequest body,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) throws Exception {
        if (body == null) {
            throw ProblemException.invalid("", "required");
        }
        FormTargets.Target t = targets.viewable(workspaceId, appId, formId);
        RecordImport started = imports.start(t.form(), t.access(), importId, body.mapping(),
                new ImportOptions(Boolean.TRUE.equals(body.skipBadRows()), Boolean.TRUE.equals(body.recordEvents())));
        return Response.accepted(view(started, Messages.fromAcceptLanguage(language))).build();
    }

    /**
     * The error report as CSV (UTF-8 with a BOM, so Excel reads the Chinese right), in the reader's
     * language; at most the {@value io.qiaoban.form.imports.RecordImporter#MAX_STORED_ERRORS} errors kept.
     */
    @Transactional(rollbackOn = Exception.class)
    @GET
    @Path("/{importId}/errors")
    @Produces("text/csv")
    public Response errors(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, @PathParam("importId") UUID importId,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) throws Exception {
        FormTargets.Target t = targets.viewable(workspaceId, appId, formId);
        RecordImport target = imports.find(t.form(), t.access(), importId, false);
        Locale locale = Messages.fromAcceptLanguage(language);
        StringBuilder csv = new StringBuilder("\ufeff");
        try (CSVPrinter printer = new CSVPrinter(csv, CSVFormat.EXCEL)) {
            printer.printRecord(Messages.text(locale, "import.report.row"), Messages.text(locale, "import.report.column"),
                    Messages.text(locale, "import.report.field"), Messages.text(locale, "import.report.value"),
                    Messages.text(locale, "import.report.problem"));
            rows.errors(target.id(), 10_000, e -> {
                try {
                    printer.printRecord(e.row(), CellText.safe(e.column()), CellText.safe(e.field()), CellText.safe(e.value()),
                            Messages.text(locale, "field." + e.code(), e.args().toArray()));
                } catch (java.io.IOException io) {
                    throw new java.io.UncheckedIOException(io);
                }
            });
        }
        String name = target.fileName().replaceAll("\\.[^.]*$", "") + "-errors.csv";
        return Response.ok(csv.toString(), "text/csv; charset=UTF-8").header("Content-Disposition",
                "attachment; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")).build();
    }

    private static ImportView view(RecordImport i, Locale locale) {
        Failure failure = i.failureCode() == null ? null
                : new Failure(i.failureCode(), Messages.text(locale, i.failureCode() + ".detail", args(i.failureArgs())));
        return new ImportView(i.id(), i.fileName(), i.format(), i.encoding(), i.columns(), i.mapping(),
                i.options().skipBadRows(), i.options().recordEvents(), i.state(), i.progress(), i.processedRows(),
                i.importedRows(), i.errorRows(), failure, i.createdAt(), i.startedAt(), i.finishedAt());
    }

    private static Object[] args(JsonNode args) {
        if (args == null || !args.isArray()) {
            return new Object[0];
        }
        Object[] out = new Object[args.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode a = args.get(i);
            out[i] = a.isNumber() ? a.numberValue() : a.asText();
        }
        return out;
    }

    /** Only the last path segment of what the browser sent, without control characters. */
    static String fileName(String sent) {
        String name = sent == null ? "" : sent.replaceAll(".*[/\\\\]", "").replaceAll("\\p{Cntrl}", "").strip();
        return name.isEmpty() ? "upload" : name.length() > 200 ? name.substring(name.length() - 200) : name;
    }
}
