package io.qiaoban.form.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.event.DomainEvent;
import io.qiaoban.core.event.DomainEvents;
import io.qiaoban.core.file.FileStore;
import io.qiaoban.core.file.StoredFile;
import io.qiaoban.core.job.Job;
import io.qiaoban.core.job.JobQueue;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.workspace.WorkspaceZones;
import io.qiaoban.form.form.PublishedForm;
import io.qiaoban.form.record.FormDependencies;
import io.qiaoban.form.record.RecordEvents;
import io.qiaoban.form.record.RecordIds;
import io.qiaoban.form.record.RecordService;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldType;
import io.qiaoban.form.schema.FieldTypes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs one import: reads the file row by row, turns each row into a record exactly as a create
 * through the API would (the field types read the cells, the validator and the computed fields do
 * the rest), and writes good rows in batches with COPY, all in one transaction. Either every good
 * row is in and the import is "done" (in that same transaction, so a crash after it cannot import
 * twice), or nothing is: an error with "all or nothing", a bad file, or a crash (the job runs again
 * from the start). Progress and the error report are committed on the side as the rows go by. The
 * import writes one "record.imported" event and, when asked ({@link ImportOptions#recordEvents}), a
 * "record.created" event per record with the rows, in the same transaction.
 */
@ApplicationScoped
public class RecordImporter {
    public static final String EVENT = "record.imported";
    static final int BATCH = 2_000;
    /**
     * A batch is also written once its rows hold this much text: 2,000 rows of long notes (a 100 MB
     * sheet) would otherwise be held several times over (cells, values, the COPY text) at once.
     */
    static final long BATCH_CHARS = 4_000_000;
    public static final int MAX_STORED_ERRORS = 10_000;
    static final Duration MAX_DURATION = Duration.ofHours(2);
    private static final Logger LOG = Logger.getLogger(RecordImporter.class);
    private static final Duration PROGRESS_EVERY = Duration.ofMillis(500);
    private static final Duration LEASE_EVERY = Duration.ofMinutes(1);

    private final ImportRepository imports;
    private final ImportForms forms;
    private final RecordService records;
    private final RecordCopy copy;
    private final FormDependencies dependencies;
    private final FileStore files;
    private final DomainEvents events;
    private final JobQueue jobs;
    private final WorkspaceZones zones;
    private final AgroalDataSource db;
    private final Clock clock;
    private final int maxRowsWithEvents;
    private final FieldTypes types = FieldTypes.standard();

    RecordImporter(ImportRepository imports, ImportForms forms, RecordService records, RecordCopy copy,
            FormDependencies dependencies, FileStore files, DomainEvents events, JobQueue jobs, WorkspaceZones zones,
            AgroalDataSource db, Clock clock,
            // every row with an event runs the form's rules and flows: a file that large is history, not new business
            @ConfigProperty(name = "qiaoban.import.max-rows-with-events", defaultValue = "50000") int maxRowsWithEvents) {
        this.imports = imports;
        this.forms = forms;
        this.records = records;
        this.copy = copy;
        this.dependencies = dependencies;
        this.files = files;
        this.events = events;
        this.jobs = jobs;
        this.zones = zones;
        this.db = db;
        this.clock = clock;
        this.maxRowsWithEvents = maxRowsWithEvents;
    }

    /** Thrown inside the import's transaction to undo it; the import is then marked failed. */
    private static final class Rejected extends RuntimeException {
        final String code;
        final List<Object> args;

        Rejected(String code, List<Object> args) {
            super(code, null, false, false);
            this.code = code;
            this.args = args;
        }
    }

    /** Runs the import (called by its job, in the job's transaction). */
    public void run(Job job, UUID workspaceId, UUID importId) throws Exception {
        Optional<RecordImport> found = imports.find(workspaceId, importId, false);
        if (found.isEmpty() || found.get().finished() || found.get().fileId() == null) {
            return; // done by an earlier run that committed before its worker died, or deleted meanwhile
        }
        RecordImport target = found.get();
        QuarkusTransaction.requiringNew().run(() -> sql(() -> imports.running(importId, clock.instant())));
        Run run = new Run(job, target);
        Path local = Files.createTempFile("qiaoban-import-", ".upload");
        boolean failed = true;
        try {
            StoredFile file = files.find(workspaceId, target.fileId()).orElseThrow();
            try (InputStream in = files.open(file)) {
                Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
            }
            QuarkusTransaction.requiringNew().timeout((int) MAX_DURATION.toSeconds()).run(() -> sql(() -> run.importRows(local)));
            failed = false;
        } catch (Rejected rejected) {
            run.flushErrors();
            imports.finish(importId, RecordImport.FAILED, run.processed, 0, run.errorRows, rejected.code, rejected.args,
                    clock.instant());
        } catch (ProblemException badFile) {
            // the file itself is unreadable: its problem (in the user's language when shown) is the failure
            run.flushErrors();
            imports.finish(importId, RecordImport.FAILED, run.processed, 0, run.errorRows, badFile.code(),
                    Arrays.asList(badFile.args()), clock.instant());
        } finally {
            Files.deleteIfExists(local);
        }
        if (failed) {
            files.delete(workspaceId, target.fileId()); // a corrected file is uploaded anew
        }
    }

    /**
     * The job gave up (its last attempt failed, e.g. the database refused a batch): every attempt was
     * rolled back, so nothing is imported. Says so on the import, where the user follows it, instead of
     * leaving it "running", and logs the cause for an admin; the file goes, as with any failed import.
     */
    public void interrupted(UUID workspaceId, UUID importId, Exception cause) throws SQLException {
        LOG.warnf(cause, "Import %s stopped on its last attempt; nothing was imported", importId);
        Optional<RecordImport> found = imports.find(workspaceId, importId, true);
        if (found.isEmpty() || found.get().finished()) {
            return;
        }
        RecordImport target = found.get();
        imports.finish(importId, RecordImport.FAILED, target.processedRows(), 0, target.errorRows(), "import.interrupted",
                List.of(), clock.instant());
        if (target.fileId() != null) {
            files.delete(workspaceId, target.fileId());
        }
    }

    /** The state of one run: counters, pending errors, the seen unique values. */
    private final class Run {
        private final Job job;
        private final RecordImport target;
        private final List<ImportError> pendingErrors = new ArrayList<>();
        private final Map<String, Set<String>> seenUnique = new HashMap<>();
        private final List<RecordCopy.NewRecord> batch = new ArrayList<>(BATCH);
        private final Map<RecordCopy.NewRecord, Integer> batchRows = new HashMap<>();
        private long batchChars;
        private final Map<String, Set<String>> rollupTargets = new LinkedHashMap<>();
        private int processed;
        private int imported;
        private int errorRows;
        private int storedErrors;
        private long writeNanos;
        private Instant nextProgress;
        private Instant nextLease;

        Run(Job job, RecordImport target) {
            this.job = job;
            this.target = target;
        }

        void importRows(Path file) throws Exception {
            long started = System.nanoTime();
            PublishedForm form = forms.published(target.workspaceId(), target.formId());
            List<ImportMapping> mapping = forms.mapping(form, target);
            ZoneId zone = zones.zone(form.workspaceId());
            Instant now = clock.instant();
            nextProgress = now.plus(PROGRESS_EVERY);
            nextLease = now.plus(LEASE_EVERY);
            boolean[] header = {true};
            double[] share = {0};
            SheetReader reader = SheetReader.of(file);
            reader.read(row -> {
                if (header[0]) {
                    header[0] = false;
                    return true;
                }
                processed++;
                if (target.options().recordEvents() && processed > maxRowsWithEvents) {
                    throw new Rejected("import.too-many-with-events", List.of(maxRowsWithEvents));
                }
                row(form, mapping, zone, now, row);
                if (batch.size() >= BATCH || batchChars >= BATCH_CHARS) {
                    flush(form, now);
                }
                tick(share[0]);
                return true;
            }, read -> share[0] = read);
            flush(form, now);
            flushErrors();
            if (errorRows > 0 && !target.options().skipBadRows()) {
                throw new Rejected("import.rows-invalid", List.of(errorRows));
            }
            for (FormDependencies.Rollup rollup : dependencies.of(form).rollups()) {
                for (String id : rollupTargets.getOrDefault(rollup.via(), Set.of())) {
                    records.recomputeRollupTarget(form, rollup, id);
                }
            }
            events.publish(new DomainEvent(form.workspaceId(), EVENT, target.id().toString(), Map.of("app",
                    form.appId().toString(), "form", form.key(), "formId", form.formId().toString(), "importId",
                    target.id().toString(), "count", imported)));
            files.delete(target.workspaceId(), target.fileId());
            imports.finish(target.id(), RecordImport.DONE, processed, imported, errorRows, null, null, clock.instant());
            double seconds = (System.nanoTime() - started) / 1e9;
            LOG.infof("Import %s: %,d rows (%,d imported, %,d bad) in %.1f s, of which writing %.1f s", target.id(), processed,
                    imported, errorRows, seconds, writeNanos / 1e9);
        }

        private void row(PublishedForm form, List<ImportMapping> mapping, ZoneId zone, Instant now, SheetRow row)
                throws SQLException {
            ObjectNode input = JsonNodeFactory.instance.objectNode();
            Map<String, ImportMapping> byField = new HashMap<>();
            for (ImportMapping m : mapping) {
                byField.put(m.field().key(), m);
                String text = row.cell(m.column());
                if (text != null && !text.isBlank()) {
                    FieldType type = types.type(m.field().type());
                    input.set(m.field().key(), type.fromText(m.field(), text.strip()));
                }
            }
            UUID id = RecordIds.next(clock);
            ObjectNode data;
            try {
                data = records.prepareNew(form, input, id, target.createdBy(), now, zone);
            } catch (ProblemException invalid) {
                List<ImportError> errors = new ArrayList<>();
                for (FieldError e : invalid.errors()) {
                    String key = e.field().contains(".") ? e.field().substring(0, e.field().indexOf('.')) : e.field();
                    ImportMapping m = byField.get(key);
                    errors.add(new ImportError(row.number(), m == null ? label(form, key) : m.columnName(), label(form, key),
                            e.code(), e.args(), m == null ? null : row.cell(m.column())));
                }
                if (errors.isEmpty()) {
                    errors.add(new ImportError(row.number(), null, null, invalid.code(), Arrays.asList(invalid.args()), null));
                }
                bad(errors);
                return;
            }
            Map<String, String> unique = new LinkedHashMap<>();
            for (FieldDefinition field : form.schema().fields()) {
                JsonNode value = data.get(field.key());
                if (field.isUniqueField() && value != null && !value.isNull()) {
                    String text = records.uniqueValue(field, value);
                    if (!seenUnique.computeIfAbsent(field.key(), k -> new HashSet<>()).add(text)) {
                        ImportMapping m = byField.get(field.key());
                        bad(List.of(new ImportError(row.number(), m == null ? null : m.columnName(), field.label(),
                                "import.duplicate-in-file", List.of(text), text)));
                        return;
                    }
                    unique.put(field.key(), text);
                }
            }
            RecordCopy.NewRecord record = new RecordCopy.NewRecord(id, data, unique);
            batch.add(record);
            batchRows.put(record, row.number());
            for (String cell : row.cells()) {
                batchChars += cell == null ? 0 : cell.length();
            }
        }

        private void bad(List<ImportError> errors) throws SQLException {
            errorRows++;
            for (ImportError e : errors) {
                if (storedErrors < MAX_STORED_ERRORS) {
                    pendingErrors.add(e);
                    storedErrors++;
                }
            }
            if (pendingErrors.size() >= 500) {
                flushErrors();
            }
        }

        /** Values of unique fields already held by records in the form: those rows are bad rows. */
        private void flush(PublishedForm form, Instant now) throws SQLException {
            if (batch.isEmpty()) {
                return;
            }
            Map<String, Set<String>> taken = taken(form.formId());
            List<RecordCopy.NewRecord> good = new ArrayList<>(batch.size());
            for (RecordCopy.NewRecord r : batch) {
                Optional<Map.Entry<String, String>> clash = r.uniqueValues().entrySet().stream()
                        .filter(u -> taken.getOrDefault(u.getKey(), Set.of()).contains(u.getValue())).findFirst();
                if (clash.isPresent()) {
                    String key = clash.get().getKey();
                    bad(List.of(new ImportError(batchRows.get(r), null, label(form, key), "form.value.duplicate",
                            List.of(clash.get().getValue()), clash.get().getValue())));
                } else {
                    good.add(r);
                }
            }
            // all or nothing and something is already wrong: the rows are only checked, to report every error
            if (errorRows == 0 || target.options().skipBadRows()) {
                long t0 = System.nanoTime();
                copy.write(form.workspaceId(), form.formId(), form.version(), target.createdBy(), now, good);
                if (target.options().recordEvents()) {
                    events.publishAll(good.stream().map(r -> RecordEvents.created(form, r.id(), r.data())).toList());
                }
                writeNanos += System.nanoTime() - t0;
                imported += good.size();
                for (FormDependencies.Rollup rollup : dependencies.of(form).rollups()) {
                    for (RecordCopy.NewRecord r : good) {
                        JsonNode via = r.data().get(rollup.via());
                        if (via != null && via.isTextual()) {
                            rollupTargets.computeIfAbsent(rollup.via(), k -> new LinkedHashSet<>()).add(via.asText());
                        }
                    }
                }
            }
            batch.clear();
            batchRows.clear();
            batchChars = 0;
        }

        private Map<String, Set<String>> taken(UUID formId) throws SQLException {
            Map<String, List<String>> wanted = new HashMap<>();
            batch.forEach(r -> r.uniqueValues().forEach((k, v) -> wanted.computeIfAbsent(k, x -> new ArrayList<>()).add(v)));
            Map<String, Set<String>> taken = new HashMap<>();
            if (wanted.isEmpty()) {
                return taken;
            }
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "select value from record_unique_value where form_id = ? and field = ? and value = any (?)")) {
                for (Map.Entry<String, List<String>> w : wanted.entrySet()) {
                    ps.setObject(1, formId);
                    ps.setString(2, w.getKey());
                    ps.setArray(3, c.createArrayOf("text", w.getValue().toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            taken.computeIfAbsent(w.getKey(), k -> new HashSet<>()).add(rs.getString(1));
                        }
                    }
                }
            }
            return taken;
        }

        private void tick(double share) {
            Instant now = clock.instant();
            if (now.isAfter(nextProgress)) {
                nextProgress = now.plus(PROGRESS_EVERY);
                int percent = (int) Math.min(99, Math.floor(share * 100));
                int p = processed;
                int i = imported;
                int e = errorRows;
                QuarkusTransaction.requiringNew().run(() -> sql(() -> {
                    flushErrors();
                    imports.progress(target.id(), percent, p, i, e);
                }));
            }
            if (now.isAfter(nextLease)) {
                nextLease = now.plus(LEASE_EVERY);
                if (!jobs.extendLease(job, LEASE_EVERY.multipliedBy(5))) {
                    // another worker runs the import now; this run's transaction must not commit
                    throw new IllegalStateException("Import " + target.id() + " lost its job lease");
                }
            }
        }

        void flushErrors() throws SQLException {
            if (pendingErrors.isEmpty()) {
                return;
            }
            List<ImportError> errors = List.copyOf(pendingErrors);
            pendingErrors.clear();
            QuarkusTransaction.requiringNew().run(() -> sql(() -> imports.addErrors(target.id(), errors)));
        }
    }

    private static String label(PublishedForm form, String key) {
        return form.schema().field(key).map(FieldDefinition::label).orElse(key);
    }

    @FunctionalInterface
    private interface SqlWork {
        void run() throws Exception;
    }

    private static void sql(SqlWork work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
