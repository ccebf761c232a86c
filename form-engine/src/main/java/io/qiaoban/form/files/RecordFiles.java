package io.qiaoban.form.files;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiaoban.core.file.FileStore;
import io.qiaoban.core.file.FileTooLarge;
import io.qiaoban.core.file.StoredFile;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.form.access.FormAccess;
import io.qiaoban.form.access.FormPermissions;
import io.qiaoban.form.form.PublishedForm;
import io.qiaoban.form.query.RecordQueries;
import io.qiaoban.form.record.RecordService;
import io.qiaoban.form.record.StoredRecord;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldTypes;
import io.qiaoban.form.schema.types.FileType;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Files of attachment and image fields: uploaded for a field (its size, count and type limits apply
 * at once, the type read from the bytes), kept as a pending upload of its uploader for a day, held
 * for good by the record that references it; downloaded only through a record the caller sees, from
 * a field they see, or by their uploader while pending.
 */
@ApplicationScoped
public class RecordFiles {
    static final Duration PENDING_KEPT = Duration.ofDays(1);

    private final FileStore files;
    private final RecordQueries queries;
    private final Clock clock;
    private final FieldTypes types = FieldTypes.standard();

    RecordFiles(FileStore files, RecordQueries queries, Clock clock) {
        this.files = files;
        this.queries = queries;
        this.clock = clock;
    }

    public StoredFile upload(PublishedForm form, FormAccess access, String fieldKey, String name, Path upload) throws Exception {
        if (!access.create() && !access.edit()) {
            throw ProblemException.forbidden();
        }
        FieldDefinition field = form.schema().field(fieldKey == null ? "" : fieldKey)
                .filter(f -> !access.hiddenFields().contains(f.key()))
                .filter(f -> types.type(f.type()) instanceof FileType)
                .orElseThrow(() -> ProblemException.invalid("field", "form.value.unknownField"));
        FileType type = (FileType) types.type(field.type());
        long max = type.maxSizeMb(field) * 1024L * 1024L;
        if (Files.size(upload) > max) {
            throw new FileTooLarge(max);
        }
        String contentType = ContentSniffer.detect(upload, name);
        if (type.images() && !FileType.IMAGE_TYPES.contains(contentType)) {
            throw new ProblemException(400, "validation", List.of(FieldError.of("file", "form.value.imageType")));
        }
        if (!type.accept(field).isEmpty() && !type.accept(field).contains(FileType.extension(name))) {
            throw new ProblemException(400, "validation",
                    List.of(FieldError.of("file", "form.value.fileType", String.join(", ", type.accept(field)))));
        }
        try (InputStream in = Files.newInputStream(upload)) {
            return files.save(new FileStore.NewFile(form.workspaceId(), RecordService.FILE_PURPOSE, name, contentType,
                    access.userId(), clock.instant().plus(PENDING_KEPT)), in, max);
        }
    }

    /** A file of a record the caller sees, in a field they see. */
    public StoredFile ofRecord(PublishedForm form, FormAccess access, UUID recordId, UUID fileId) throws SQLException {
        StoredRecord record = queries.find(form, access, recordId, false).filter(r -> !r.deleted() || access.delete())
                .orElseThrow(() -> ProblemException.notFound("@thing.record"));
        for (FieldDefinition field : form.schema().fields()) {
            if (!(types.type(field.type()) instanceof FileType) || access.hiddenFields().contains(field.key())) {
                continue;
            }
            for (JsonNode file : record.data().path(field.key())) {
                if (fileId.toString().equals(file.path("id").asText())) {
                    return files.find(form.workspaceId(), fileId).filter(f -> ("record:" + recordId).equals(f.heldBy()))
                            .orElseThrow(() -> ProblemException.notFound("@thing.file"));
                }
            }
        }
        throw ProblemException.notFound("@thing.file");
    }

    /** A file the caller uploaded that no record holds yet (the form being filled in shows it). */
    public StoredFile pending(PublishedForm form, FormAccess access, UUID fileId) throws SQLException {
        return files.find(form.workspaceId(), fileId)
                .filter(f -> RecordService.FILE_PURPOSE.equals(f.purpose()) && f.heldBy() == null)
                .filter(f -> f.createdBy() != null && f.createdBy().equals(access.userId()))
                .orElseThrow(() -> ProblemException.notFound("@thing.file"));
    }

    public InputStream open(StoredFile file) {
        return files.open(file);
    }
}
