package io.qiaoban.form.exports;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.audit.AuditService;
import io.qiaoban.core.file.FileStore;
import io.qiaoban.core.file.StoredFile;
import io.qiaoban.core.job.Job;
import io.qiaoban.core.job.JobQueue;
import io.qiaoban.core.workspace.Membership;
import io.qiaoban.form.access.DerivedHiddenFields;
import io.qiaoban.form.access.FormAccess;
import io.qiaoban.form.access.FormPermissions;
import io.qiaoban.form.form.FormRepository;
import io.qiaoban.form.form.PublishedForm;
import io.qiaoban.form.query.RecordQueries;
import io.qiaoban.form.record.StoredRecord;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldType;
import io.qiaoban.form.schema.FieldTypes;
import io.qiaoban.form.schema.Storage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Writes one export: pages through the view with the requester's access (keyset pages of 1,000, so
 * the database never sorts or holds more than a page for us), writes each record as a row through
 * the field types' spreadsheet text, and keeps the finished file. No row cap; progress is committed
 * on the side. The audit log records who exported what.
 */
@ApplicationScoped
public class RecordExporter {
    static final int PAGE = 1_000;
    static final Duration MAX_DURATION = Duration.ofHours(2);
    private static final Duration PROGRESS_EVERY = Duration.ofMillis(500);
    private static final Duration LEASE_EVERY = Duration.ofMinutes(1);

    private static final Logger LOG = Logger.getLogger(RecordExporter.class);

    private final ExportRepository exports;
    private final AgroalDataSource db;
    private final DerivedHiddenFields derived;
    private final FormRepository forms;
    private final FormPermissions permissions;
    private final RecordQueries queries;
    private final FileStore files;
    private final AuditService audit;
    private final JobQueue jobs;
    private final Clock clock;
    private final FieldTypes types = FieldTypes.standard();

    RecordExporter(ExportRepository exports, FormRepository forms, FormPermissions permissions, RecordQueries queries,
            FileStore files, AuditService audit, JobQueue jobs, AgroalDataSource db, DerivedHiddenFields derived, Clock clock) {
        this.db = db;
        this.derived = derived;
        this.exports = exports;
        this.forms = forms;
        this.permissions = permissions;
        this.queries = queries;
        this.files = files;
        this.audit = audit;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * The job gave up (its last attempt failed): says so on the export the user follows instead of
     * leaving it "running", and logs the cause for an admin.
     */
    public void interrupted(UUID workspaceId, UUID exportId, Exception cause) throws SQLException {
        LOG.warnf(cause, "Export %s stopped on its last attempt", exportId);
        Optional<RecordExport> found = exports.find(workspaceId, exportId);
        if (found.isPresent() && !found.get().finished()) {
            exports.finish(exportId, RecordExport.FAILED, 0, null, "export.interrupted", clock.instant());
        }
    }

    public void run(Job job, UUID workspaceId, UUID exportId) throws Exception {
        Optional<RecordExport> found = exports.find(workspaceId, exportId);
        if (found.isEmpty() || found.get().finished()) {
            return;
        }
        RecordExport export = found.get();
        Optional<PublishedForm> form = forms.publishedById(workspaceId, export.formId());
        Optional<Membership> member = Membership.of(workspaceId, export.createdBy());
        FormAccess access = member.isEmpty() || form.isEmpty() ? null
                : derived.complete(permissions.of(member.get(), export.formId()), form.get(), member.get().role.id);
        if (access == null || !access.view()) {
            // the requester left the workspace, lost the right to see the form, or the form is gone
            exports.finish(exportId, RecordExport.FAILED, 0, null, "export.no-access", clock.instant());
            return;
        }
        JsonNode request = export.request();
        JsonNode filter = request.get("filter") == null || request.get("filter").isNull() ? null : request.get("filter");
        String sort = request.path("sort").isTextual() ? request.get("sort").asText() : null;
        List<FieldDefinition> columns = new ArrayList<>();
        for (JsonNode key : request.path("fields")) {
            form.get().schema().field(key.asText()).filter(f -> !access.hiddenFields().contains(f.key())).ifPresent(columns::add);
        }

        ReferenceNames names = ReferenceNames.forColumns(db, forms, permissions, queries, form.get(), member.get(), columns);

        Path local = Files.createTempFile("qiaoban-export-", "." + export.format());
        try {
            int written = 0;
            String extension;
            String contentType;
            try (SheetWriter sheet = SheetWriter.of(export.format(), local)) {
                extension = sheet.extension();
                contentType = sheet.contentType();
                sheet.row(new ArrayList<>(columns.stream().map(FieldDefinition::label).toList()));
                String cursor = null;
                Long total = null;
                Instant nextProgress = clock.instant();
                Instant nextLease = clock.instant().plus(LEASE_EVERY);
                do {
                    RecordQueries.Page<StoredRecord> page = queries.list(form.get(), access,
                            new RecordQueries.ListRequest(filter, sort, cursor, PAGE, false));
                    if (total == null) {
                        // a first page that does not hold everything leaves the total to a count (exact up to a million)
                        total = page.total() != null ? page.total().value() : queries.count(form.get(), access, filter, false).value();
                        Long t = total;
                        QuarkusTransaction.requiringNew().run(() -> sql(() -> exports.running(exportId, t)));
                    }
                    names.load(columns, page.records());
                    for (StoredRecord record : page.records()) {
                        sheet.row(cells(columns, record, names));
                    }
                    written += page.records().size();
                    cursor = page.nextCursor();
                    if (clock.instant().isAfter(nextProgress)) {
                        nextProgress = clock.instant().plus(PROGRESS_EVERY);
                        int percent = total == null || total == 0 ? 0 : (int) Math.min(99, written * 100L / Math.max(total, written));
                        int w = written;
                        QuarkusTransaction.requiringNew().run(() -> sql(() -> exports.progress(exportId, percent, w)));
                    }
                    if (clock.instant().isAfter(nextLease)) {
                        nextLease = clock.instant().plus(LEASE_EVERY);
                        if (!jobs.extendLease(job, LEASE_EVERY.multipliedBy(5))) {
                            throw new IllegalStateException("Export " + exportId + " lost its job lease");
                        }
                    }
                } while (cursor != null);
            }
            String name = form.get().schema().name() + "-" + LocalDate.now(clock) + "." + extension;
            StoredFile file;
            try (InputStream in = Files.newInputStream(local)) {
                file = files.save(new FileStore.NewFile(workspaceId, "export", name, contentType, export.createdBy(),
                        clock.instant().plus(ExportService.KEPT)), in, Long.MAX_VALUE);
            }
            exports.finish(exportId, RecordExport.DONE, written, file.id(), null, clock.instant());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("form", form.get().key());
            detail.put("formId", form.get().formId().toString());
            detail.put("format", export.format());
            detail.put("rows", written);
            detail.put("fields", columns.stream().map(FieldDefinition::key).toList());
            detail.put("filtered", filter != null);
            audit.record("export", workspaceId, export.createdBy(), member.get().user.username, detail);
        } finally {
            Files.deleteIfExists(local);
        }
    }

    private List<Object> cells(List<FieldDefinition> columns, StoredRecord record, ReferenceNames names) {
        List<Object> cells = new ArrayList<>(columns.size());
        for (FieldDefinition field : columns) {
            JsonNode value = record.data().get(field.key());
            if (value == null || value.isNull()) {
                cells.add(null);
                continue;
            }
            FieldType type = types.type(field.type());
            if (ReferenceNames.isReference(field)) {
                cells.add(names.text(value));
            } else if (types.storage(field) == Storage.NUMBER && value.isNumber()) {
                BigDecimal number = new BigDecimal(value.asText());
                // amounts as the grid shows them: 1800.45, not the 1800.450 a formula may have computed
                cells.add(isMoney(field) && number.scale() > 2 ? number.setScale(2, RoundingMode.HALF_UP) : number);
            } else {
                cells.add(type.toText(field, value));
            }
        }
        return cells;
    }

    private static boolean isMoney(FieldDefinition field) {
        return "money".equals(field.type()) || ("formula".equals(field.type()) && "money".equals(field.option("resultType").asText()));
    }

    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }

    private static void sql(SqlWork work) {
        try {
            work.run();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
