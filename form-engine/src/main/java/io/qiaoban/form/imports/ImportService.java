package io.qiaoban.form.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.core.file.FileStore;
import io.qiaoban.core.file.FileTooLarge;
import io.qiaoban.core.file.StoredFile;
import io.qiaoban.core.job.JobQueue;
import io.qiaoban.core.job.NewJob;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.form.access.FormAccess;
import io.qiaoban.form.access.FormPermissions;
import io.qiaoban.form.form.PublishedForm;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The steps of an import a user goes through: upload a file (kept in the database, its header and
 * first rows read for the mapping screen), start it with a mapping (a job does the rest), follow it.
 * Callers run these in a transaction with the caller's access to the form already resolved.
 */
@ApplicationScoped
public class ImportService {
    static final int SAMPLE_ROWS = 5;
    /** An upload nobody started is removed after this. */
    static final Duration UNSTARTED_UPLOAD_KEPT = Duration.ofDays(2);

    private final ImportRepository imports;
    private final ImportForms forms;
    private final FileStore files;
    private final JobQueue jobs;
    private final Clock clock;
    private final long maxUploadBytes;

    ImportService(ImportRepository imports, ImportForms forms, FileStore files, JobQueue jobs, Clock clock,
            @ConfigProperty(name = "qiaoban.api.max-upload-bytes", defaultValue = "209715200") long maxUploadBytes) {
        this.imports = imports;
        this.forms = forms;
        this.files = files;
        this.jobs = jobs;
        this.clock = clock;
        this.maxUploadBytes = maxUploadBytes;
    }

    /** Reads the file's columns (refusing what is no sheet) and keeps the file for the import job. */
    public RecordImport upload(PublishedForm form, FormAccess access, String fileName, Path upload) throws Exception {
        FormPermissions.require(access.create());
        if (Files.size(upload) > maxUploadBytes) {
            throw new FileTooLarge(maxUploadBytes); // a body sent without its length passes the request filter
        }
        SheetReader reader = SheetReader.of(upload);
        ArrayNode columns = columns(reader);
        Instant now = clock.instant();
        StoredFile stored;
        try (InputStream in = Files.newInputStream(upload)) {
            stored = files.save(new FileStore.NewFile(form.workspaceId(), "import", fileName, contentType(reader),
                    access.userId(), now.plus(UNSTARTED_UPLOAD_KEPT)), in, maxUploadBytes);
        }
        RecordImport created = new RecordImport(UUID.randomUUID(), form.workspaceId(), form.appId(), form.formId(),
                stored.id(), fileName, reader.encoding() == null ? "xlsx" : "csv", reader.encoding(), columns, null,
                ImportOptions.DEFAULT, RecordImport.UPLOADED, 0, 0, 0, 0, null, null, access.userId(), now, null, null);
        imports.insert(created);
        return created;
    }

    /** Queues the import with the user's mapping; the file is then kept until the job has run. */
    public RecordImport start(PublishedForm form, FormAccess access, UUID importId, JsonNode mapping, ImportOptions options)
            throws SQLException {
        FormPermissions.require(access.create());
        RecordImport target = find(form, access, importId, true);
        if (!RecordImport.UPLOADED.equals(target.state())) {
            throw ProblemException.conflict("import.already-started");
        }
        forms.check(form, target.columns(), mapping, access.hiddenFields());
        imports.queue(importId, mapping, options);
        files.keep(form.workspaceId(), target.fileId());
        jobs.enqueue(NewJob.of(RecordImportJobHandler.TYPE, JsonNodeFactory.instance.objectNode().put("import",
                importId.toString())).inWorkspace(form.workspaceId()).dedupe(RecordImportJobHandler.TYPE + ":" + importId)
                .attempts(3));
        return find(form, access, importId, false);
    }

    /**
     * An import of this form that the caller started: its sample rows and error report show the sheet as
     * uploaded, columns their role may not see included, so an import is its uploader's own (as an export is).
     */
    public RecordImport find(PublishedForm form, FormAccess access, UUID importId, boolean forUpdate) throws SQLException {
        return imports.find(form.workspaceId(), importId, forUpdate)
                .filter(i -> i.formId().equals(form.formId()))
                .filter(i -> ownImport(access, i))
                .orElseThrow(() -> ProblemException.notFound("@thing.import"));
    }

    public List<RecordImport> recent(PublishedForm form, FormAccess access) throws SQLException {
        return imports.recent(form.workspaceId(), form.formId(), 20).stream()
                .filter(i -> ownImport(access, i)).toList();
    }

    private static boolean ownImport(FormAccess access, RecordImport i) {
        return access.userId() == null || access.userId().equals(i.createdBy());
    }

    /** The header row with the first values of each column, for the mapping screen. */
    private static ArrayNode columns(SheetReader reader) throws Exception {
        List<SheetRow> rows = new ArrayList<>();
        reader.read(row -> {
            rows.add(row);
            return rows.size() <= SAMPLE_ROWS;
        }, share -> {
        });
        if (rows.isEmpty() || rows.get(0).cells().stream().allMatch(c -> c == null || c.isBlank())) {
            throw new ProblemException(400, "import.no-header");
        }
        ArrayNode columns = JsonNodeFactory.instance.arrayNode();
        List<String> header = rows.get(0).cells();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i) == null ? "" : header.get(i).strip();
            ObjectNode column = columns.addObject().put("index", i).put("name", name.isEmpty() ? "#" + (i + 1) : name);
            ArrayNode samples = column.putArray("samples");
            for (SheetRow row : rows.subList(1, rows.size())) {
                String cell = row.cell(i);
                samples.add(cell == null ? "" : cell.length() > 100 ? cell.substring(0, 100) + "…" : cell);
            }
        }
        return columns;
    }

    private static String contentType(SheetReader reader) {
        return reader.encoding() == null ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv";
    }
}
