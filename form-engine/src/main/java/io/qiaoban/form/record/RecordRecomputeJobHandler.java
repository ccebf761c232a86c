package io.qiaoban.form.record;

import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.job.Job;
import io.qiaoban.core.job.JobHandler;
import io.qiaoban.form.form.FormRepository;
import io.qiaoban.form.form.PublishedForm;
import io.qiaoban.form.form.StoredForm;
import io.qiaoban.form.query.FieldSql;
import io.qiaoban.form.schema.Storage;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * "record.recompute": recomputes the computed fields of one record ({@code record}), or of every
 * record of a form whose relation {@code via} points to {@code target} (lookups after the looked-up
 * record changed). A changed value is written like any change: history, "record.updated" event, and
 * the records depending on it in turn.
 */
@ApplicationScoped
public class RecordRecomputeJobHandler implements JobHandler {
    public static final String TYPE = "record.recompute";
    private final RecordService records;
    private final FormRepository forms;
    private final AgroalDataSource db;

    RecordRecomputeJobHandler(RecordService records, FormRepository forms, AgroalDataSource db) {
        this.records = records;
        this.forms = forms;
        this.db = db;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void handle(Job job) throws Exception {
        UUID formId = UUID.fromString(job.payload().path("form").asText());
        Optional<StoredForm> form = forms.findById(job.workspaceId(), formId);
        if (form.isEmpty() || !form.get().published()) {
            return; // the form is gone or has no published version any more: nothing to keep up to date
        }
        PublishedForm published = forms.published(form.get(), form.get().publishedVersion()).orElseThrow();
        if (job.payload().hasNonNull("record")) {
            records.recompute(published, UUID.fromString(job.payload().get("record").asText()));
            return;
        }
        for (UUID id : linked(published, job.payload().path("via").asText(), job.payload().path("target").asText())) {
            records.recompute(published, id);
        }
    }

    private List<UUID> linked(PublishedForm form, String via, String target) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select id from record where form_id = '"
                + form.formId() + "' and workspace_id = ? and deleted_at is null and " + FieldSql.expression("", via, Storage.TEXT)
                + " = ?")) {
            ps.setObject(1, form.workspaceId());
            ps.setString(2, target);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }
}
