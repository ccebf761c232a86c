package io.qiaoban.form.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.record.RecordAccess;
import io.qiaoban.core.record.RecordData;
import io.qiaoban.core.record.RecordPage;
import io.qiaoban.core.record.RecordScope;
import io.qiaoban.form.form.FormRepository;
import io.qiaoban.form.form.PublishedForm;
import io.qiaoban.form.query.RecordQueries;
import io.qiaoban.form.record.RecordService;
import io.qiaoban.form.record.StoredRecord;
import io.qiaoban.form.schema.FieldDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * platform-core's {@link RecordAccess}, for the other engines: records of a published form, read and
 * written with the acting user's permissions (row filter, hidden fields), or as the system when the
 * scope names no user. Writes go through the same pipeline as the API: validation, computed fields,
 * history, events.
 */
@ApplicationScoped
public class FormRecordAccess implements RecordAccess {
    static final int MAX_QUERY = 1000;
    private final FormRepository forms;
    private final DerivedHiddenFields permissions;
    private final RecordQueries queries;
    private final RecordService records;

    FormRecordAccess(FormRepository forms, DerivedHiddenFields permissions, RecordQueries queries, RecordService records) {
        this.forms = forms;
        this.permissions = permissions;
        this.queries = queries;
        this.records = records;
    }

    @Override
    @Transactional(rollbackOn = Exception.class)
    public Optional<RecordData> find(RecordScope scope, UUID recordId) {
        try {
            Resolved r = resolve(scope);
            return queries.find(r.form(), r.access(), recordId, false).filter(x -> !x.deleted()).map(x -> data(r, x));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    @Transactional(rollbackOn = Exception.class)
    public List<String> fieldKeys(RecordScope scope) {
        try {
            Resolved r = resolve(scope);
            return r.form().schema().fields().stream().map(FieldDefinition::key)
                    .filter(key -> !r.access().hiddenFields().contains(key)).toList();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    @Transactional(rollbackOn = Exception.class)
    public List<RecordData> query(RecordScope scope, JsonNode filter, int limit) {
        return page(scope, filter, null, limit).records();
    }

    @Override
    @Transactional(rollbackOn = Exception.class)
    public RecordPage page(RecordScope scope, JsonNode filter, String cursor, int limit) {
        try {
            Resolved r = resolve(scope);
            RecordQueries.ListRequest request = new RecordQueries.ListRequest(filter, null, cursor,
                    Math.max(1, Math.min(limit, MAX_QUERY)), false);
            RecordQueries.Page<StoredRecord> page = queries.list(r.form(), r.access(), request);
            return new RecordPage(page.records().stream().map(x -> data(r, x)).toList(), page.nextCursor());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    @Transactional(rollbackOn = Exception.class)
    public RecordData create(RecordScope scope, ObjectNode data) {
        try {
            Resolved r = resolve(scope);
            return data(r, records.create(r.form(), r.access(), data, null, 0).record());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    @Transactional(rollbackOn = Exception.class)
    public RecordData update(RecordScope scope, UUID recordId, ObjectNode changes, Long expectedVersion) {
        try {
            Resolved r = resolve(scope);
            return data(r, records.update(r.form(), r.access(), recordId, changes, expectedVersion, 0));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Resolved(PublishedForm form, FormAccess access) {
    }

    private Resolved resolve(RecordScope scope) throws SQLException {
        PublishedForm form = forms.publishedByKey(scope.workspaceId(), scope.appId(), scope.formKey())
                .orElseThrow(() -> ProblemException.notFound("@thing.form"));
        // completed as the API's: a formula or lookup that shows a hidden field is hidden here too
        FormAccess access = permissions.forUser(form, scope.actingUserId())
                .orElseThrow(() -> ProblemException.notFound("@thing.form"));
        if (!access.view()) {
            throw ProblemException.forbidden();
        }
        return new Resolved(form, access);
    }

    private static RecordData data(Resolved r, StoredRecord x) {
        return new RecordData(x.id(), r.form().key(), r.access().visible(x.data()), x.version(), x.createdAt(), x.updatedAt());
    }
}
